using Kefu.Core.Common;

namespace Kefu.Core.Customers;

/// <summary>A group of organisation customers (集团客户), CUS-2; members carry its id, key persons are flagged contacts.</summary>
public sealed class CustomerGroup : IVersioned
{
    private CustomerGroup()
    {
        Name = "";
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    internal static CustomerGroup Create(string name) => new() { Id = Guid.CreateVersion7(), Name = name.Trim() };

    internal void Rename(string name) => Name = name.Trim();
}
