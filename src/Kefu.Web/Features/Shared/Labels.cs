using System.Globalization;
using System.Security.Claims;
using Kefu.Core.Customers;
using Kefu.Core.ServiceRequests;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Features.Shared;

/// <summary>Resource keys for values: enum labels (<c>Enum.CustomerNature.Retail</c>), role labels (<c>Role.assistant</c>), messages.</summary>
public static class Labels
{
    public const string DisplayNameClaim = "kefu:display_name";

    public static string EnumKey<TEnum>(TEnum value)
        where TEnum : struct, Enum => $"Enum.{typeof(TEnum).Name}.{value}";

    public static string Enum<TEnum>(this IStringLocalizer l, TEnum value)
        where TEnum : struct, Enum => l[EnumKey(value)];

    public static string Enum<TEnum>(this IStringLocalizer l, TEnum? value)
        where TEnum : struct, Enum => value is TEnum v ? l.Enum(v) : "";

    public static string RoleKey(string role) => $"Role.{role}";

    public static string Role(this IStringLocalizer l, string role) => l[RoleKey(role)];

    /// <summary>A message from Core (its English text or code) in the current language; unknown messages pass through.</summary>
    public static string Message(IStringLocalizer l, string message, string? fallback = null)
    {
        var s = l[message];
        return s.ResourceNotFound ? fallback ?? message : s.Value;
    }

    /// <summary>Badge colour per customer nature.</summary>
    public static string NatureBadge(CustomerNature nature) => nature switch
    {
        CustomerNature.Retail => "text-bg-primary",
        CustomerNature.Merchant => "text-bg-success",
        CustomerNature.Distributor => "text-bg-warning",
        _ => "text-bg-secondary",
    };

    /// <summary>Badge colour per system status of a request.</summary>
    public static string StatusBadge(SystemStatus status) => status switch
    {
        SystemStatus.Outstanding => "text-bg-secondary",
        SystemStatus.Postponed => "text-bg-warning",
        SystemStatus.InProcess => "text-bg-primary",
        _ => "text-bg-success",
    };

    /// <summary>Badge colour per urgency.</summary>
    public static string UrgencyBadge(Urgency urgency) => urgency switch
    {
        Urgency.Emergency => "text-bg-danger",
        Urgency.High => "text-bg-warning",
        Urgency.Normal => "text-bg-light border",
        _ => "text-bg-light border text-body-secondary",
    };

    /// <summary>The Chinese or English variant of a configured label (request types, user statuses), by the current UI culture.</summary>
    public static string Pick(string zh, string en) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? en : zh;

    public static string DisplayName(ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) is { Length: > 0 } name ? name : user.Identity?.Name ?? "";

    /// <summary>UTC instants shown in the organisation's time zone (China Standard Time by default; SPEC: dates are local).</summary>
    public static string Local(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>A date and time typed in the organisation's time zone as UTC (the inverse of <see cref="Local"/>).</summary>
    public static DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    /// <summary>Today's business date (the organisation's time zone).</summary>
    public static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, Zone));

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The organisation's time zone (<see cref="Kefu.Core.Common.BusinessDate"/>), set once at startup.</summary>
    public static TimeZoneInfo Zone { get; set; } = Kefu.Core.Common.BusinessDate.FindZone(null);
}
