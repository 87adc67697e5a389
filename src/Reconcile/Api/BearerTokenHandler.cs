using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Reconcile.Topology;

namespace Reconcile.Api;

/// <summary>
/// The API's authentication scheme: a bearer token (RFC 6750) is the admin token, one or more systems' ingest
/// tokens, or nothing Reconcile knows. A known token becomes a principal with the <see cref="ApiClaims"/> it earns;
/// no header is "no result" (the route's policy then refuses); an unknown token fails. Every comparison is
/// constant-time (<see cref="BearerToken.Matches"/>) and every system is checked, so timing says nothing about
/// which token was close. Tokens are read per request, so a reloaded configuration takes effect at once.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptionsMonitor<ApiOptions> api, IOptionsMonitor<TopologyOptions> topology)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ReconcileBearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.From(Request);
        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        List<Claim> claims = [];
        if (BearerToken.Matches(token, api.CurrentValue.AdminToken))
        {
            claims.Add(new Claim(ApiClaims.Role, ApiClaims.Admin));
        }

        foreach (var (name, system) in topology.CurrentValue.Systems)
        {
            if (BearerToken.Matches(token, system.IngestToken))
            {
                claims.Add(new Claim(ApiClaims.System, name));
            }
        }

        return Task.FromResult(claims.Count == 0
            ? AuthenticateResult.Fail("The bearer token is neither the admin token nor a system's ingest token.")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName)));
    }
}
