using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Reconcile.Api;

namespace Reconcile.Ingest.Webhooks;

/// <summary>
/// Bounds the webhook deliveries in progress (<see cref="ApiOptions.WebhookConcurrency"/>) and waiting
/// (<see cref="ApiOptions.WebhookQueue"/>), oldest first, with ASP.NET Core's concurrency limiter. A delivery past
/// both is answered at once with 503, <c>Retry-After: 1</c> and a problem detail naming the settings: the real
/// senders retry a non-2xx delivery (Shopify and Stripe both do, with the same delivery id, which is then taken
/// once), so nothing is lost, and the service no longer queues requests until memory runs out.
/// </summary>
public static class WebhookAdmission
{
    /// <summary>The rate-limiting policy name the webhook endpoint requires.</summary>
    public const string Policy = "webhooks";

    /// <summary>Registers the limiter; its sizes are read from <see cref="ApiOptions"/> when the first delivery arrives.</summary>
    public static IServiceCollection AddWebhookAdmission(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context =>
            {
                var api = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                return RateLimitPartition.GetConcurrencyLimiter(Policy, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = api.WebhookConcurrency,
                    QueueLimit = api.WebhookQueue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            });
            limiter.OnRejected = RefuseAsync;
        });

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = "1";
        var api = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"Too many webhook deliveries at once: {api.WebhookConcurrency} in progress and {api.WebhookQueue} waiting (Api:WebhookConcurrency, Api:WebhookQueue). Nothing was stored; send it again after Retry-After.");
        await TypedResults.Problem(title: "Service unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable)
            .ExecuteAsync(rejected.HttpContext);
    }
}
