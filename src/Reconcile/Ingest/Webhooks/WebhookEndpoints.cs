namespace Reconcile.Ingest.Webhooks;

/// <summary>
/// <c>POST /api/systems/{system}/webhook</c>: a system's own webhook in its own shape. Reads the raw bytes within
/// <c>Api:MaxBodyBytes</c> and hands them to <see cref="WebhookReceiver"/>; answers 202 with the ingest result,
/// 200 for a re-delivery, 401 / 404 / 400 / 413 as problem details.
/// </summary>
public static class WebhookEndpoints
{
    public static WebApplication MapWebhooks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/systems/{system}/webhook", ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string system, HttpRequest request, RawBody rawBody, ApiAccess access, WebhookReceiver receiver, CancellationToken cancellationToken)
    {
        var (body, tooLarge) = await rawBody.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        var delivery = new WebhookDelivery(system, request.Headers, request.Method, url, body!, access.MaySubmit(request, system));
        var outcome = await receiver.ReceiveAsync(delivery, cancellationToken);
        return outcome switch
        {
            { Result: { } result } => Results.Json(result, statusCode: outcome.Status),
            { Status: StatusCodes.Status401Unauthorized } => ApiProblems.Unauthorized(outcome.Problem!),
            { Status: StatusCodes.Status404NotFound } => ApiProblems.NotFound(outcome.Problem!),
            _ => ApiProblems.BadRequest(outcome.Problem!),
        };
    }
}
