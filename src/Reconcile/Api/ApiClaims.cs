using System.Security.Claims;

namespace Reconcile.Api;

/// <summary>What a bearer token proves, as claims: the admin role, and each system whose ingest token it is.</summary>
public static class ApiClaims
{
    public const string Role = ClaimTypes.Role;
    public const string Admin = "admin";

    /// <summary>Claim type whose value is a configured system's name (the key under <c>Systems</c>).</summary>
    public const string System = "reconcile:system";

    public static bool IsAdmin(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(Role, Admin);
    }

    public static bool IsIngestFor(ClaimsPrincipal user, string? system)
    {
        ArgumentNullException.ThrowIfNull(user);
        return system is not null && user.HasClaim(System, system);
    }

    public static bool IsAnySystem(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(c => c.Type == System);
    }
}
