using Reconcile.Reporting;

namespace Reconcile.Slack.Commands;

/// <summary>
/// The two halves of <c>/recon status</c>: every flow's status (<see cref="StatusQuery"/>: last run, open and overdue
/// counts) and the last 7 days' figures with every drill-down (<see cref="FiguresQuery"/>). Reading them side by side
/// on two connections was measured at a million orders and gained nothing (the figures are most of the time), so they
/// are read one after the other.
/// </summary>
public static class StatusReport
{
    /// <summary>The flows' status (only <paramref name="flow"/>'s when given) and the figures of the 7 days up to <paramref name="now"/> (UTC).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<(IReadOnlyList<FlowStatus> Flows, Figures Week)> ReadAsync(
        IServiceScopeFactory scopes, string? flow, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        await using var scope = scopes.CreateAsyncScope();
        var flows = Narrow(await scope.ServiceProvider.GetRequiredService<StatusQuery>().ReadAsync(cancellationToken), flow);
        return (flows, await WeekAsync(scope.ServiceProvider.GetRequiredService<FiguresQuery>(), flow, now, cancellationToken));
    }

    /// <summary>The figures of the 7 days up to <paramref name="now"/> with every drill-down, of <paramref name="flow"/> or (null) every flow.</summary>
    public static Task<Figures> WeekAsync(FiguresQuery figures, string? flow, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures.ComputeAsync(new ReportPeriod(now - StatusQuery.Week, now), flow, DrillDownDimensions.All, cancellationToken);
    }

    /// <summary>Of <paramref name="flows"/>, <paramref name="flow"/>'s alone (exact name), or all when it is null.</summary>
    public static IReadOnlyList<FlowStatus> Narrow(IReadOnlyList<FlowStatus> flows, string? flow) =>
        flow is null ? flows : [.. flows.Where(f => string.Equals(f.Flow, flow, StringComparison.Ordinal))];
}
