using Microsoft.Extensions.Options;
using Reconcile.Slack.Api;

namespace Reconcile.Slack.SocketMode;

/// <summary>
/// Socket Mode (with <see cref="SlackOptions.AppToken"/> set): keeps <see cref="SlackOptions.SocketModeConnections"/>
/// WebSockets open, each through its own apps.connections.open, so while Slack refreshes one (a <c>disconnect</c>
/// frame) another keeps serving. A refresh reconnects at once; a drop or a failed open waits
/// <see cref="SlackOptions.SocketModeReconnectDelay"/>, doubling per failure up to 30 s, reset once Slack says hello.
/// Source: Slack's Socket Mode documentation and apps.connections.open reference.
/// </summary>
public sealed class SocketModeClient(
    IOptions<SlackOptions> options, IServiceProvider services, SocketModeDispatch dispatch, ILogger<SocketModeClient> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.AppToken))
        {
            return Task.CompletedTask;
        }

        logger.LogInformation("Socket Mode: keeping {Count} connection(s) to Slack", options.Value.SocketModeConnections);
        return Task.WhenAll(Enumerable.Range(1, options.Value.SocketModeConnections).Select(i => KeepOpenAsync(i, stoppingToken)));
    }

    private async Task KeepOpenAsync(int index, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            using var connection = new SocketModeConnection(dispatch, logger, index);
            connection.Connected += (_, _) => failures = 0;
            SocketModeConnection.Outcome outcome;
            try
            {
                var url = await services.GetRequiredService<SlackApiClient>().OpenSocketModeAsync(stoppingToken);
                outcome = await connection.RunAsync(url, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is SlackApiException or System.Net.WebSockets.WebSocketException or HttpRequestException or OperationCanceledException)
            {
                logger.LogWarning("Socket Mode connection {Connection} could not open or failed: {Reason}", index, ex.Message);
                outcome = SocketModeConnection.Outcome.Dropped;
            }

            if (outcome == SocketModeConnection.Outcome.Refresh)
            {
                continue;
            }

            var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, options.Value.SocketModeReconnectDelay.Ticks << Math.Min(failures, 16)));
            failures++;
            logger.LogWarning("Socket Mode connection {Connection} dropped; reconnecting in {Delay}", index, delay);
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
