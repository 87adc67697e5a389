using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Reconcile.Hosting;

namespace Reconcile.Slack.Api;

/// <summary>
/// The one retry layer for Slack calls: a per-attempt timeout inside an exponential, jittered retry
/// that honours Retry-After. Nothing else in the HttpClient pipeline retries.
/// </summary>
public sealed class SlackApiPipeline
{
    public SlackApiPipeline(IOptions<SlackOptions> options, ReconcileMetrics metrics, ILogger<SlackApiPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Pipeline = Build(options.Value, metrics, logger, outcome =>
            outcome.Exception is HttpRequestException or TimeoutRejectedException
            || (outcome.Result is { } result && SlackErrors.IsTransient(result)));

        // A post that timed out or got a 5xx may be in the channel already: sending it again here could post it
        // twice, so only a rate limit (the call was refused, nothing posted) is retried in place. The outbox
        // retries the rest after looking for the earlier attempt's message in the channel.
        PostPipeline = Build(options.Value, metrics, logger, outcome =>
            outcome.Result is { } result && (result.StatusCode == System.Net.HttpStatusCode.TooManyRequests || result.Error is "ratelimited" or "rate_limited"));
    }

    /// <summary>Retries every transient failure: for reads and idempotent writes (chat.update, views.open…).</summary>
    public ResiliencePipeline<SlackApiResponse> Pipeline { get; }

    /// <summary>Retries only answers that prove nothing was posted: for chat.postMessage.</summary>
    public ResiliencePipeline<SlackApiResponse> PostPipeline { get; }

    private static ResiliencePipeline<SlackApiResponse> Build(SlackOptions settings, ReconcileMetrics metrics, ILogger logger, Func<Outcome<SlackApiResponse>, bool> retryWhen)
    {
        var builder = new ResiliencePipelineBuilder<SlackApiResponse>();
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<SlackApiResponse>
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.RetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(2),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(retryWhen(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    if (args.Outcome.Result is { StatusCode: System.Net.HttpStatusCode.TooManyRequests })
                    {
                        metrics.SlackRateLimited.Add(1);
                    }

                    logger.LogWarning(
                        "Slack call failed ({SlackError}); retry {Attempt} in {Delay}",
                        args.Outcome.Result?.Error ?? args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1,
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(settings.RequestTimeout).Build();
    }
}
