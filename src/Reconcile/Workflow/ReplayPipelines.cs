using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Reconcile.Reconciliation.Connectors;

namespace Reconcile.Workflow;

/// <summary>
/// One resilience pipeline per target system: exponential retries (three by default) around a
/// circuit breaker around a per-attempt timeout. The breaker is per system, so one system being down
/// stops replays into it without touching the others. Not used for a connector that retries its own calls
/// (<see cref="IRecordConnector.RetriesItself"/>, the HTTP connector): one retry layer, never two stacked.
/// </summary>
public sealed class ReplayPipelines(IOptions<WorkflowOptions> options, ILogger<ReplayPipelines> logger)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline For(string system) => _pipelines.GetOrAdd(system, Build);

    private ResiliencePipeline Build(string system)
    {
        var settings = options.Value;
        var transient = new PredicateBuilder()
            .Handle<ConnectorException>(e => e.Transient)
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder();
        if (settings.ReplayRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.ReplayRetries,
                Delay = settings.ReplayRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = transient,
                OnRetry = args =>
                {
                    logger.LogWarning("Replay into {System} failed ({Reason}); retry {Attempt} in {Delay}",
                        system, args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = settings.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromMinutes(2),
                BreakDuration = settings.BreakerDuration,
                ShouldHandle = transient,
                OnOpened = args =>
                {
                    logger.LogError("Replays into {System} paused for {Duration}: too many failures", system, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.ReplayAttemptTimeout)
            .Build();
    }
}
