using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Reconcile.Topology;

namespace Reconcile.Reconciliation.Connectors.Http;

/// <summary>
/// The one HTTP client every connector call goes through (<see cref="IHttpClientFactory"/>), with one
/// resilience pipeline per system: retries with exponential backoff and jitter on 5xx, 408, 429
/// (honouring <c>Retry-After</c>, RFC 9110 §10.2.3) and timeouts — never on other 4xx —, around a
/// circuit breaker, around a per-attempt timeout. The pipeline is per system, so one system being down
/// opens only its own breaker.
/// </summary>
public static class ConnectorResilience
{
    public const string ClientName = "connector";

    /// <summary>Carries the system's name on each request so the handler picks that system's pipeline.</summary>
    public static readonly HttpRequestOptionsKey<string> SystemKey = new("reconcile.connector.system");

    public static IServiceCollection AddConnectorHttp(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("connector", Configure)
            .SelectPipelineBy(_ => request => request.Options.TryGetValue(SystemKey, out var system) ? system : "");
        services.AddSingleton<ConnectorHttpClient>();
        return services;
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var topology = context.ServiceProvider.GetRequiredService<IOptionsMonitor<TopologyOptions>>().CurrentValue;
        var connector = topology.Systems.TryGetValue(context.InstanceName, out var system) && system.Connector is { } found
            ? found
            : new ConnectorOptions();
        if (connector.Retries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = connector.Retries,
                Delay = connector.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromMinutes(1),
            BreakDuration = TimeSpan.FromSeconds(30),
        });
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = connector.Timeout });
    }
}
