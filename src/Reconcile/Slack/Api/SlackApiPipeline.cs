using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Reconcile.Slack.Api;

/// <summary>
/// The one retry layer for Slack calls: a per-attempt timeout inside an exponential, jittered retry
/// that honours Retry-After. Nothing else in the HttpClient pipeline retries.
/// </summary>
public sealed class SlackApiPipeline
{
    public SlackApiPipeline(IOptions<SlackOptions> options, ILogger<SlackApiPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
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
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is HttpRequestException or TimeoutRejectedException
                    || (args.Outcome.Result is { } result && SlackErrors.IsTransient(result))),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Slack call failed ({SlackError}); retry {Attempt} in {Delay}",
                        args.Outcome.Result?.Error ?? args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1,
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        Pipeline = builder.AddTimeout(settings.RequestTimeout).Build();
    }

    public ResiliencePipeline<SlackApiResponse> Pipeline { get; }
}
