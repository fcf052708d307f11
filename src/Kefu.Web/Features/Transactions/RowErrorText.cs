using Kefu.Core.Transactions;
using Kefu.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Features.Transactions;

/// <summary>A refused row's field and reason in the page's language (Core words them in English).</summary>
public static class RowErrorText
{
    public static string Field(IStringLocalizer l, RowError e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Labels.Message(l, "Transactions.Field." + e.Field, e.Field);
    }

    /// <summary>The reason, with the refused text; the English message for what has no wording here (or was stored without its
    /// value by an earlier version).</summary>
    public static string Reason(IStringLocalizer l, RowError e)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Value is null && e.Code != "missing-field")
        {
            return e.Message;
        }

        var s = l["Transactions.Reason." + (e.Reason ?? e.Code), Field(l, e), e.Value ?? ""];
        return s.ResourceNotFound ? e.Message : s.Value;
    }
}
