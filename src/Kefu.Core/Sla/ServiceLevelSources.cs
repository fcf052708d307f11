using Kefu.Core.ServiceRequests;

namespace Kefu.Core.Sla;

/// <summary>The service level a customer's active maintenance contract gives (SLA-4); the first source SLA-1 consults.</summary>
public interface IContractServiceLevels
{
    /// <summary>The level code of the customer's contract in force on <paramref name="on"/> covering the request type, or null.</summary>
    Task<string?> ContractLevelAsync(Guid customerId, string requestTypeCode, DateOnly on, CancellationToken cancellationToken);
}

/// <summary>What a customer's classes say about the service they get (CLS-6); the second source SLA-1 consults.</summary>
public interface IClassServiceLevels
{
    /// <summary>The settings of the customer's current classes, merged (the most generous class wins), or null.</summary>
    Task<ClassServiceSettings?> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken);
}

/// <summary>Service consequences of a class: SLA level code, request priority, green channel, callback and visit cadence.</summary>
public sealed record ClassServiceSettings(
    string? ServiceLevelCode, Urgency? Priority, bool GreenChannel, int? CallbackCadenceDays, int? VisitCadenceDays);
