namespace Kefu.Core.Common;

/// <summary>An editable entity with a portable optimistic-concurrency token, bumped on every update.</summary>
public interface IVersioned
{
    int Version { get; }

    void BumpVersion();
}

/// <summary>A row that belongs to one customer; audit entries and sharding key on it.</summary>
public interface ICustomerOwned
{
    Guid CustomerId { get; }
}
