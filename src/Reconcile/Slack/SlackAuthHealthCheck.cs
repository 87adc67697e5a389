using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Reconcile.Slack.Api;

namespace Reconcile.Slack;

/// <summary>
/// Slack auth for /healthz: Degraded (not Unhealthy) when Slack refuses the token or is down, because
/// the outbox keeps every message until Slack is back; restarting the pod would not help.
/// The answer is cached so probes every few seconds do not call Slack every few seconds.
/// </summary>
public sealed class SlackAuthHealthCheck(IOptions<SlackOptions> options, IServiceProvider services, TimeProvider time, SlackAuthHealthCheck.Cache cache) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly HashSet<string> AuthErrors = new(StringComparer.Ordinal) { "invalid_auth", "token_revoked", "account_inactive", "not_authed" };

    /// <summary>Degraded, naming Slack's auth error (e.g. <c>token_revoked</c>, <c>invalid_auth</c>) and the fix.</summary>
    public static HealthCheckResult Disconnected(string error) =>
        HealthCheckResult.Degraded($"Slack disconnected: {error} (the bot token was revoked or is invalid; reinstall the app and set Slack:BotToken). Messages wait in the outbox.");

    public sealed class Cache
    {
        public (DateTimeOffset At, HealthCheckResult Result)? Last { get; set; }
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.IsConnected)
        {
            return HealthCheckResult.Healthy("not connected: no Slack:BotToken, messages are written to the log");
        }

        if (cache.Last is { } last && time.GetUtcNow() - last.At < options.Value.AuthCheckInterval)
        {
            return last.Result;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        HealthCheckResult result;
        try
        {
            var answer = await services.GetRequiredService<SlackApiClient>().AuthTestAsync(limit.Token);
            result = answer.Ok
                ? HealthCheckResult.Healthy($"connected as {answer.Property("user") ?? "the bot"} in {answer.Property("team") ?? "the workspace"}")
                : HealthCheckResult.Degraded($"Slack refused auth.test: {answer.Error}");
        }
        catch (SlackApiException exception) when (AuthErrors.Contains(exception.Error))
        {
            result = Disconnected(exception.Error);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or SlackApiException)
        {
            result = HealthCheckResult.Degraded($"Slack unreachable: {exception.Message}");
        }

        cache.Last = (time.GetUtcNow(), result);
        return result;
    }
}
