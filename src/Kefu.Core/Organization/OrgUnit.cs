using Kefu.Core.Common;

namespace Kefu.Core.Organization;

/// <summary>Company → region → responsibility centre (责任中心) → work centre (工作中心).</summary>
public enum OrgUnitKind
{
    Company = 0,
    Region = 1,
    ResponsibilityCentre = 2,
    WorkCentre = 3,
}

public sealed class OrgUnit : IVersioned
{
    private OrgUnit()
    {
        Code = "";
        Name = "";
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public OrgUnitKind Kind { get; private set; }

    public Guid? ParentId { get; private set; }

    /// <summary>The region's logistics department (物流部), which escalated requests are handed over to (SRQ-7).</summary>
    public bool IsLogistics { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    /// <summary>A unit's parent must be exactly one level up; only a company has no parent.</summary>
    public static bool IsValidParent(OrgUnitKind kind, OrgUnitKind? parentKind) =>
        parentKind is null ? kind == OrgUnitKind.Company : (int)kind == (int)parentKind.Value + 1;

    internal static OrgUnit Create(string code, string name, OrgUnitKind kind, Guid? parentId, bool isLogistics = false) =>
        new() { Id = Guid.CreateVersion7(), Code = code.Trim(), Name = name.Trim(), Kind = kind, ParentId = parentId, IsLogistics = isLogistics };

    internal void Rename(string code, string name, bool isLogistics)
    {
        Code = code.Trim();
        Name = name.Trim();
        IsLogistics = isLogistics;
    }
}
