using Microsoft.AspNetCore.Authorization;

namespace Reconcile.Api;

/// <summary>
/// The three ways in, as authorization policies applied to route groups:
/// <see cref="Admin"/> (writes, exports, starting runs), <see cref="SystemIngest"/> (a system's own records:
/// its ingest token or the admin token, for the <c>{system}</c> in the route) and <see cref="Reader"/>
/// (reads: the admin token or any ingest token).
/// </summary>
public static class ApiPolicies
{
    public const string Admin = "admin";
    public const string SystemIngest = "system-ingest";
    public const string Reader = "reader";

    /// <summary>The route value that <see cref="SystemIngest"/> compares with the token's system.</summary>
    public const string SystemRouteValue = "system";

    public static AuthorizationBuilder AddApiPolicies(this AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return authorization
            .AddPolicy(Admin, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName)
                .RequireAssertion(c => ApiClaims.IsAdmin(c.User)))
            .AddPolicy(SystemIngest, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName)
                .RequireAssertion(c => ApiClaims.IsAdmin(c.User)
                    || (c.Resource is HttpContext http && ApiClaims.IsIngestFor(c.User, http.GetRouteValue(SystemRouteValue) as string))))
            .AddPolicy(Reader, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName)
                .RequireAssertion(c => ApiClaims.IsAdmin(c.User) || ApiClaims.IsAnySystem(c.User)));
    }
}
