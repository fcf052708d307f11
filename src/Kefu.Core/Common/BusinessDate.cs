using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kefu.Core.Common;

/// <summary>
/// The one answer to "what day is it" for business rules: calendar days as the organisation counts them, in its time zone
/// (<c>Kefu:TimeZone</c>, an IANA id; Asia/Shanghai by default), from the app's clock. Contracts in force, SLA levels of new
/// requests, classification windows, reminders and the daily jobs all ask this, so they agree between 00:00 and 08:00 China time
/// (when the UTC date is still yesterday).
/// </summary>
public sealed class BusinessDate(TimeProvider time, TimeZoneInfo zone)
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    public const string ConfigKey = "Kefu:TimeZone";

    /// <summary>The organisation's time zone.</summary>
    public TimeZoneInfo Zone => zone;

    /// <summary>Today's date in the organisation's time zone.</summary>
    public DateOnly Today() => DateOf(time.GetUtcNow().UtcDateTime);

    /// <summary>The organisation's calendar date of a UTC instant.</summary>
    public DateOnly DateOf(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>A local time of a day as a UTC instant.</summary>
    public DateTime ToUtc(DateOnly day, TimeOnly at) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(at, DateTimeKind.Unspecified), zone);

    /// <summary>The UTC instant at which the day begins (local midnight).</summary>
    public DateTime StartOf(DateOnly day) => ToUtc(day, TimeOnly.MinValue);

    /// <summary>The zone of <paramref name="id"/> (an IANA id; empty: the default). China has one fixed offset, so a system without
    /// time zone data still gets Asia/Shanghai right.</summary>
    public static TimeZoneInfo FindZone(string? id)
    {
        id = string.IsNullOrWhiteSpace(id) ? DefaultTimeZone : id.Trim();
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        return id == DefaultTimeZone
            ? TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time")
            : throw new InvalidOperationException($"{ConfigKey}: '{id}' is not a known time zone (an IANA id such as Asia/Shanghai).");
    }
}

public static class BusinessDateRegistration
{
    /// <summary>Registers <see cref="BusinessDate"/> in the zone of <c>Kefu:TimeZone</c> (Asia/Shanghai when unset).</summary>
    public static IServiceCollection AddBusinessDate(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new BusinessDate(
            sp.GetRequiredService<TimeProvider>(), BusinessDate.FindZone(sp.GetService<IConfiguration>()?[BusinessDate.ConfigKey])));
        return services;
    }
}
