namespace Kefu.Core.Security;

/// <summary>The roles of SEC-1. The names are stored; labels come from resources.</summary>
public static class Roles
{
    public const string Assistant = "assistant";
    public const string Technician = "technician";
    public const string Supervisor = "supervisor";
    public const string AccountManager = "account-manager";
    public const string DepartmentStaff = "department-staff";
    public const string Administrator = "administrator";
    public const string Customer = "customer";

    public static readonly IReadOnlyList<string> All =
        [Assistant, Technician, Supervisor, AccountManager, DepartmentStaff, Administrator, Customer];

    /// <summary>Staff who may read customer records of their units.</summary>
    public static readonly IReadOnlyList<string> Staff =
        [Assistant, Technician, Supervisor, AccountManager, DepartmentStaff, Administrator];

    /// <summary>Staff who may create and edit customer records.</summary>
    public static readonly IReadOnlyList<string> CustomerEditors = [Assistant, Supervisor, AccountManager, Administrator];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Level of an account manager (客户经理), CUS-3.</summary>
public enum AccountManagerLevel
{
    Ordinary = 0,
    Intermediate = 1,
    Senior = 2,
}
