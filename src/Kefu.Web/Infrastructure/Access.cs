namespace Kefu.Web.Infrastructure;

/// <summary>Whose records an endpoint reaches through its path and lists.</summary>
public enum AccessScope
{
    /// <summary>Shared settings (calendars, levels, types, schemes, jobs): every allowed caller reaches the same records.</summary>
    None,

    /// <summary>Records of an organisation unit: the caller's units and below (administrators all); others are not found (404).</summary>
    Unit,

    /// <summary>The caller's own records (notifications, saved views, tokens); another user's are not found (404).</summary>
    Own,

    /// <summary>The caller's own records; administrators reach everybody's.</summary>
    OwnOrAdministrator,
}

/// <summary>
/// Who may call an endpoint, declared next to its <c>Map…</c> call (issue 19 point 10): the roles, and whose records it
/// reaches. The declaration is also the gate: a caller outside <see cref="Roles"/> is refused with 403 by the authorization
/// middleware before the body is read, and the use case checks the unit scope. The authorization matrix test computes
/// every expected status from these rules and fails for an API endpoint that declares none.
/// </summary>
public sealed record AccessRule(IReadOnlyList<string> Roles, AccessScope Scope, bool Anonymous)
{
    public bool Allows(string role) => Anonymous || Roles.Contains(role, StringComparer.Ordinal);
}

public static class Access
{
    /// <summary>Only callers in one of <paramref name="roles"/> may call the endpoint.</summary>
    public static TBuilder Allow<TBuilder>(this TBuilder builder, IReadOnlyList<string> roles, AccessScope scope = AccessScope.None)
        where TBuilder : IEndpointConventionBuilder
    {
        var rule = new AccessRule([.. roles], scope, Anonymous: false);
        return builder.WithMetadata(rule).RequireAuthorization(p => p.RequireRole(rule.Roles));
    }

    public static TBuilder Allow<TBuilder>(this TBuilder builder, string role, AccessScope scope = AccessScope.None)
        where TBuilder : IEndpointConventionBuilder => builder.Allow([role], scope);

    /// <summary>Any signed-in user, customers included.</summary>
    public static TBuilder AllowSignedIn<TBuilder>(this TBuilder builder, AccessScope scope)
        where TBuilder : IEndpointConventionBuilder => builder.Allow(Kefu.Core.Security.Roles.All, scope);

    /// <summary>Open to anonymous callers (the token endpoint).</summary>
    public static TBuilder AllowAnyone<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AccessRule([], AccessScope.None, Anonymous: true)).AllowAnonymous();
}
