namespace Kefu.Core.Sla;

/// <summary>
/// The answer when the maintenance-contract capability (SLA-4) is not installed: no customer has a contract, so the level
/// comes from the customer's class or the request type. Registered with TryAdd, so the real source replaces it.
/// </summary>
public sealed class NoContractServiceLevels : IContractServiceLevels
{
    public Task<string?> ContractLevelAsync(Guid customerId, string requestTypeCode, DateOnly on, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}

/// <summary>
/// The answer when customer classification (CLS-6) is not installed: no class settings, so no class-given level and no
/// class-given green channel (a supervisor's per-customer green-channel flag still applies). Registered with TryAdd.
/// </summary>
public sealed class NoClassServiceLevels : IClassServiceLevels
{
    public Task<ClassServiceSettings?> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken) =>
        Task.FromResult<ClassServiceSettings?>(null);
}
