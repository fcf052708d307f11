using System.Text.RegularExpressions;
using Kefu.Core.Common;
using Kefu.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Features.Shared;

/// <summary>Base of the pages: the caller, the localizer, flash messages and the mapping of <see cref="Error"/> to page state.</summary>
public abstract partial class KefuPageModel : PageModel
{
    public const string FlashKey = "Flash";
    public const string FlashKindKey = "FlashKind";

    private IStringLocalizer? localizer;

    /// <summary>True when the record asked for does not exist (or is outside the caller's scope); the page shows a 404 state.</summary>
    public bool Missing { get; private set; }

    protected IStringLocalizer L => localizer ??= HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    protected Caller Caller => HttpContext.Caller();

    /// <summary>Shows a localized message on the next page.</summary>
    protected void Flash(string key, params object[] args) => Show("success", key, args);

    /// <summary>Shows a localized warning on the next page (e.g. a conflict after a redirect).</summary>
    protected void FlashDanger(string key, params object[] args) => Show("danger", key, args);

    private void Show(string kind, string key, object[] args)
    {
        TempData[FlashKey] = L[key, args].Value;
        TempData[FlashKindKey] = kind;
    }

    protected IActionResult NotFoundPage()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>
    /// Maps an expected failure: Validation → model-state errors per field (under <paramref name="prefix"/>), Conflict → a form-level
    /// error with the localized message, NotFound → the 404 state, Forbidden → 403.
    /// </summary>
    protected IActionResult Fail(Error error, string prefix = "Input", Func<string, string>? mapField = null)
    {
        switch (error.Kind)
        {
            case ErrorKind.Validation:
                foreach (var (field, messages) in error.Fields ?? new Dictionary<string, string[]>())
                {
                    var key = ModelKey(prefix, mapField is null ? field : mapField(field));
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(key, Labels.Message(L, message));
                    }
                }

                if (error.Fields is null || error.Fields.Count == 0)
                {
                    ModelState.AddModelError("", Labels.Message(L, error.Code, error.Message));
                }

                return Page();
            case ErrorKind.NotFound:
                return NotFoundPage();
            case ErrorKind.Forbidden:
            case ErrorKind.Unauthorized:
                return Forbid();
            default:
                ModelState.AddModelError("", Labels.Message(L, error.Code, error.Message));
                return Page();
        }
    }

    /// <summary><c>contacts[0].phone</c> under prefix <c>Input</c> becomes <c>Input.Contacts[0].Phone</c>.</summary>
    public static string ModelKey(string prefix, string field)
    {
        var pascal = FieldSegment().Replace(field, m => m.Groups[1].Value + char.ToUpperInvariant(m.Groups[2].Value[0]));
        return string.IsNullOrEmpty(prefix) ? pascal : $"{prefix}.{pascal}";
    }

    [GeneratedRegex(@"(^|\.)([a-z])")]
    private static partial Regex FieldSegment();
}
