using Kefu.Core.Organization;

namespace Kefu.Core.Tests.Organization;

public class OrgUnitTests
{
    [Theory]
    [InlineData(OrgUnitKind.Company, null)]
    [InlineData(OrgUnitKind.Region, OrgUnitKind.Company)]
    [InlineData(OrgUnitKind.ResponsibilityCentre, OrgUnitKind.Region)]
    [InlineData(OrgUnitKind.WorkCentre, OrgUnitKind.ResponsibilityCentre)]
    public void IsValidParent_ParentExactlyOneLevelUp_ReturnsTrue(OrgUnitKind kind, OrgUnitKind? parent) =>
        Assert.True(OrgUnit.IsValidParent(kind, parent));

    [Theory]
    [InlineData(OrgUnitKind.Region, null)]
    [InlineData(OrgUnitKind.WorkCentre, null)]
    [InlineData(OrgUnitKind.Company, OrgUnitKind.Company)]
    [InlineData(OrgUnitKind.ResponsibilityCentre, OrgUnitKind.Company)]
    [InlineData(OrgUnitKind.Region, OrgUnitKind.WorkCentre)]
    [InlineData(OrgUnitKind.Region, OrgUnitKind.Region)]
    public void IsValidParent_MissingSkippedOrInvertedLevel_ReturnsFalse(OrgUnitKind kind, OrgUnitKind? parent) =>
        Assert.False(OrgUnit.IsValidParent(kind, parent));
}
