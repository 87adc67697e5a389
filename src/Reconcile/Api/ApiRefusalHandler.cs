using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Reconcile.Api;

/// <summary>
/// Turns a refused request into a 401 problem-details body (RFC 7807) instead of an empty challenge.
/// A known token used on a route it does not open (another system's records, a write with an ingest token)
/// is answered 401 as well, not 403: the API has always answered "send the right token" and tells no caller
/// which other routes its token would open.
/// </summary>
public sealed class ApiRefusalHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Succeeded)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var refusal = context.GetEndpoint()?.Metadata.GetMetadata<ApiRefusal>();
        return ApiProblems.Unauthorized(refusal?.Detail(context) ?? ApiProblems.DefaultRefusal).ExecuteAsync(context);
    }
}
