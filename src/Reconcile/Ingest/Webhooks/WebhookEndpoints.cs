using Microsoft.AspNetCore.Http.HttpResults;
using Reconcile.Api;

namespace Reconcile.Ingest.Webhooks;

/// <summary>
/// <c>POST /api/systems/{system}/webhook</c>: a system's own webhook in its own shape. Reads the raw bytes within
/// <c>Api:MaxBodyBytes</c> and hands them to <see cref="WebhookReceiver"/>; answers 202 with the ingest result,
/// 200 for a re-delivery, 401 / 404 / 400 / 413 as problem details, 503 when too many wait (<see cref="WebhookAdmission"/>). No bearer-token policy: the sender's signature
/// authenticates the delivery (with <c>Signature: none</c>, the receiver asks for the system's ingest token).
/// </summary>
public static class WebhookEndpoints
{
    public static WebApplication MapWebhooks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/systems/{system}/webhook", ReceiveAsync).RequireRateLimiting(WebhookAdmission.Policy);
        return app;
    }

    private static async Task<Results<JsonHttpResult<WebhookResult>, ProblemHttpResult>> ReceiveAsync(
        string system, HttpContext http, RawBody rawBody, WebhookReceiver receiver, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var (body, tooLarge) = await rawBody.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        // The bearer scheme authenticates every request; only Signature: none looks at what it proved.
        var ingestToken = ApiClaims.IsAdmin(http.User) || ApiClaims.IsIngestFor(http.User, system);
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        var outcome = await receiver.ReceiveAsync(new WebhookDelivery(system, request.Headers, request.Method, url, body!, ingestToken), cancellationToken);
        return outcome switch
        {
            { Result: { } result } => TypedResults.Json(result, statusCode: outcome.Status),
            { Status: StatusCodes.Status401Unauthorized } => ApiProblems.Unauthorized(outcome.Problem!),
            { Status: StatusCodes.Status404NotFound } => ApiProblems.NotFound(outcome.Problem!),
            _ => ApiProblems.BadRequest(outcome.Problem!),
        };
    }
}
