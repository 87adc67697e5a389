namespace Reconcile.Api;

/// <summary>
/// Endpoint metadata: the problem-details <c>detail</c> a refused caller reads on that route
/// (e.g. "Exports need the admin token."), computed from the request so it can name the route's system.
/// </summary>
public sealed record ApiRefusal(Func<HttpContext, string> Detail);
