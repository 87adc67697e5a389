namespace Reconcile.Api;

/// <summary>Puts a route or route group behind one of the <see cref="ApiPolicies"/>, with the refusal its callers read.</summary>
public static class ApiAccess
{
    /// <summary>Requires <paramref name="policy"/>; a refused caller gets 401 with <paramref name="refusal"/> as the detail.</summary>
    public static TBuilder RequireToken<TBuilder>(this TBuilder builder, string policy, string refusal = ApiProblems.DefaultRefusal)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireToken(policy, _ => refusal);

    /// <summary>Requires <paramref name="policy"/>; the refusal is computed from the request (e.g. to name the route's system).</summary>
    public static TBuilder RequireToken<TBuilder>(this TBuilder builder, string policy, Func<HttpContext, string> refusal)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(policy).WithMetadata(new ApiRefusal(refusal));
    }
}
