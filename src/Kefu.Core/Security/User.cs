using Microsoft.AspNetCore.Identity;

namespace Kefu.Core.Security;

public sealed class User : IdentityUser<Guid>
{
    public User()
    {
        Id = Guid.CreateVersion7();
        DisplayName = "";
    }

    public string DisplayName { get; set; }

    /// <summary>The unit whose data the user sees (with its sub-units).</summary>
    public Guid? OrgUnitId { get; set; }

    public AccountManagerLevel? AccountManagerLevel { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>A technician on duty gets emergency requests of their work centre at once (SRQ-5).</summary>
    public bool IsOnDuty { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class Role : IdentityRole<Guid>
{
    public Role()
    {
        Id = Guid.CreateVersion7();
    }

    public Role(string name)
        : this()
    {
        Name = name;
        NormalizedName = name.ToUpperInvariant();
    }
}
