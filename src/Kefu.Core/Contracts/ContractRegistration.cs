using Kefu.Core.Scheduling;
using Kefu.Core.Sla;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Contracts;

/// <summary>Contract settings: <c>Contracts:ReminderDays</c> (comma-separated, default <c>30,7</c>) are the expiry reminder steps.</summary>
public sealed class ContractOptions
{
    public IReadOnlyList<int> ReminderDays { get; init; } = [30, 7];

    public static ContractOptions From(IConfiguration? config) => Parse(config?["Contracts:ReminderDays"]);

    /// <summary>Reads the steps from <c>"30,7"</c>; empty means the defaults.</summary>
    public static ContractOptions Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new ContractOptions();
        }

        var days = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 366
                ? n
                : throw new InvalidOperationException($"Contracts:ReminderDays: '{d}' is not a number of days between 1 and 366."))
            .Distinct().OrderDescending().ToList();
        return new ContractOptions { ReminderDays = days };
    }
}

public static class ContractRegistration
{
    /// <summary>Contract use cases, the SLA-4 level source and the two daily jobs.</summary>
    public static IServiceCollection AddContracts(this IServiceCollection services)
    {
        services.AddSingleton(sp => ContractOptions.From(sp.GetService<IConfiguration>()));
        services.AddScoped<ContractService>();
        services.AddScoped<IContractServiceLevels, ContractServiceLevels>();
        services.AddScoped<IScheduledJob, PreventiveMaintenanceJob>();
        services.AddScoped<IScheduledJob, ContractExpiryJob>();
        services.AddScoped<Customers.ICustomerLinks, ContractCustomerLinks>();
        return services;
    }
}
