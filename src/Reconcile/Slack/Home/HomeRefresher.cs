using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Reconcile.Slack.Api;
using Reconcile.Workflow;

namespace Reconcile.Slack.Home;

/// <summary>
/// Keeps open Home tabs current: when an owner's exceptions change (opened, decided, escalated, resolved), every
/// recent viewer who is a member of that owner gets their tab published again. Changes are gathered for
/// <see cref="SlackOptions.HomeRefreshDelay"/> first, so a run that opens fifty exceptions publishes each tab once,
/// and the change has been saved by the time the tab is read.
/// </summary>
public sealed class HomeRefresher(HomeViewers viewers, IServiceScopeFactory scopes, IOptions<SlackOptions> options, ILogger<HomeRefresher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, byte> _changed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Called when <paramref name="owner"/>'s exceptions change; cheap and never blocks.</summary>
    public void OwnerChanged(string owner)
    {
        _changed[owner] = 0;
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another change already woke the refresher.
            }
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(stoppingToken);
                await Task.Delay(options.Value.HomeRefreshDelay, stoppingToken);
                await RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var owners = _changed.Keys.ToList();
        foreach (var owner in owners)
        {
            _changed.TryRemove(owner, out _);
        }

        if (!options.Value.IsConnected)
        {
            return;
        }

        foreach (var viewer in viewers.Recent())
        {
            await using var scope = scopes.CreateAsyncScope();
            var directory = scope.ServiceProvider.GetRequiredService<OwnerDirectory>();
            var teams = await directory.OwnersOfAsync(viewer, cancellationToken);
            if (!teams.Intersect(owners, StringComparer.Ordinal).Any())
            {
                continue;
            }

            try
            {
                await scope.ServiceProvider.GetRequiredService<HomePublisher>().PublishAsync(viewer, cancellationToken);
            }
            catch (SlackApiException ex)
            {
                logger.LogWarning("Could not refresh the Home tab of {SlackUser}: {SlackError}", viewer, ex.Error);
            }
        }
    }
}
