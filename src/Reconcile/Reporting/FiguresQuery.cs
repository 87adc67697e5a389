using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Lifecycle;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Reporting;

/// <summary>
/// The one query path for the figures: the metrics API, /recon status, the digest and its
/// chart all read through here, from the runs, exceptions, audit and records tables.
/// </summary>
public sealed class FiguresQuery(
    ReconcileDbContext db, OrderLagMaintainer lagRows, IOptionsMonitor<TopologyOptions> topology, TimeProvider time,
    IServiceScopeFactory scopes)
{
    public IReadOnlyList<string> FlowNames => [.. topology.CurrentValue.Flows.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// The figures of <paramref name="flow"/> (null: every flow, and all of them together as the overall figures) over
    /// <paramref name="period"/> (UTC, end exclusive), with a drill-down table per dimension asked for.
    /// </summary>
    public async Task<Figures> ComputeAsync(
        ReportPeriod period, string? flow, IReadOnlyCollection<DrillDownDimension> drillDowns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(drillDowns);
        var flows = flow is null ? FlowNames : [flow];
        var now = time.GetUtcNow();
        var asOf = period.To < now ? period.To : now;
        // Normally built at startup; a flow configured since (or changed) is built from its records now, once.
        await lagRows.EnsureBuiltAsync(db, cancellationToken);

        // A week at scale holds a million lag rows and tens of thousands of exceptions: the lags and the drilled-into
        // source orders are read on connections of their own (the other core) while the exceptions are read on this one.
        // A read that fails stops the others, so its error is raised without waiting for a million rows.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lagsRead = StopOthersOnFaultAsync(Task.Run(() => AllLagsAsync(flows, period, stop.Token), stop.Token), stop);
        var sourcesRead = drillDowns.Count > 0
            ? StopOthersOnFaultAsync(Task.Run(() => SourcesAsync(flows, period, stop.Token), stop.Token), stop)
            : Task.FromResult(new Dictionary<(string Flow, string OrderId), SourceOrder>());
        var rowsRead = StopOthersOnFaultAsync(RowsAsync(period, flows, stop.Token), stop);
        await Task.WhenAll(lagsRead, sourcesRead, rowsRead);
        var lagsByFlow = await lagsRead;
        var sources = await sourcesRead;
        var (all, raised) = await rowsRead;

        var perFlow = new List<FlowFigures>();
        foreach (var (name, lags, unconfirmed) in lagsByFlow)
        {
            perFlow.Add(FiguresCalculator.Calculate(name, all.Where(name) with { Lags = lags, Unconfirmed = unconfirmed }, period, asOf));
        }

        // With one flow its rows are all the rows: the overall figures are its figures.
        var overall = perFlow.Count == 1
            ? perFlow[0] with { Flow = flow ?? FlowFigures.AllFlows }
            : FiguresCalculator.Calculate(flow ?? FlowFigures.AllFlows, all with { Lags = Merged(lagsByFlow), Unconfirmed = lagsByFlow.Sum(l => l.Unconfirmed) }, period, asOf);
        var drills = new Dictionary<string, IReadOnlyList<DrillDownRow>>(StringComparer.Ordinal);
        foreach (var dimension in drillDowns.Distinct())
        {
            drills[dimension.ToWireName()] = DrillDowns.Rows(dimension, raised, sources, asOf);
        }

        return new Figures(period.From, period.To, asOf, flow, overall, perFlow, drills);
    }

    /// <summary>The result of <paramref name="read"/>; when it fails (not cancelled), cancels <paramref name="others"/> first.</summary>
    private static async Task<T> StopOthersOnFaultAsync<T>(Task<T> read, CancellationTokenSource others)
    {
        try
        {
            return await read;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await others.CancelAsync();
            throw;
        }
    }

    /// <summary>The period's runs, exceptions, manual touches and automation attempts, and the exceptions raised in it.</summary>
    private async Task<(FiguresInputs All, List<ExceptionEntity> Raised)> RowsAsync(
        ReportPeriod period, IReadOnlyList<string> flows, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        var runs = await db.Runs.AsNoTracking()
            .Where(r => flows.Contains(r.Flow) && r.Status == RunStatus.Completed && r.StartedAt >= from && r.StartedAt < to)
            .ToListAsync(cancellationToken);
        // Everything raised, resolved or still open in the period; open-at-the-end is narrowed in the calculator.
        // Only the columns the figures read: a week's exceptions at scale carry megabytes of diagnostics no figure uses.
        var exceptions = await db.Exceptions.AsNoTracking()
            .Where(e => flows.Contains(e.Flow) && e.CreatedAt < to && (e.ResolvedAt == null || e.ResolvedAt >= from))
            .Select(e => new ExceptionEntity
            {
                Id = e.Id, Flow = e.Flow, OrderId = e.OrderId, Type = e.Type, System = e.System, Fingerprint = "", Owner = e.Owner, OriginalOwner = "",
                CreatedAt = e.CreatedAt, ResolvedAt = e.ResolvedAt, SlaDueAt = e.SlaDueAt, ValueAtRisk = e.ValueAtRisk, PreviousExceptionId = e.PreviousExceptionId,
            })
            .ToListAsync(cancellationToken);
        var touches = await ManualTouchesAsync(period, flows, cancellationToken);
        var attempts = await db.AutomationAttempts.AsNoTracking()
            .Where(a => flows.Contains(a.Flow) && a.StartedAt >= from && a.StartedAt < to)
            .ToListAsync(cancellationToken);
        var touched = await TouchedByPeopleAsync(exceptions.Where(e => e.ResolvedAt is { } at && period.Contains(at)).Select(e => e.Id), cancellationToken);
        var raised = exceptions.Where(e => period.Contains(e.CreatedAt)).ToList();
        return (new FiguresInputs(runs, exceptions, touches, [], 0) { Attempts = attempts, TouchedByPeople = touched }, raised);
    }

    /// <summary>Approvals and replays by people in the period, with the exception each decided.</summary>
    public async Task<List<ManualTouch>> ManualTouchesAsync(ReportPeriod period, IReadOnlyList<string> flows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (start, end) = (period.From, period.To);
        var rows = await (
                from a in db.AuditEvents.AsNoTracking()
                join e in db.Exceptions.AsNoTracking() on a.ExceptionId equals e.Id
                where a.At >= start && a.At < end && (a.Action == AuditActions.Approved || a.Action == AuditActions.Replayed)
                    && !a.Actor.StartsWith("system:") && flows.Contains(e.Flow)
                orderby a.Id
                select new { a.Id, ExceptionId = e.Id, e.Flow, e.OrderId, e.Type, a.Action, a.Actor, a.At, e.CreatedAt, a.Reason })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ManualTouch(r.Id, r.ExceptionId, r.Flow, r.OrderId, r.Type, r.Action, r.Actor, r.At, r.CreatedAt, r.Reason))];
    }

    /// <summary>Of <paramref name="exceptionIds"/>, those a person acted on: any audit event by a non-<c>system:*</c> actor except a refused click.</summary>
    private async Task<HashSet<long>> TouchedByPeopleAsync(IEnumerable<long> exceptionIds, CancellationToken cancellationToken)
    {
        var touched = new HashSet<long>();
        foreach (var chunk in exceptionIds.Chunk(500))
        {
            touched.UnionWith(await db.AuditEvents.AsNoTracking()
                .Where(a => a.ExceptionId != null && chunk.Contains(a.ExceptionId.Value) && !a.Actor.StartsWith("system:") && a.Action != AuditActions.Denied)
                .Select(a => a.ExceptionId!.Value).Distinct().ToListAsync(cancellationToken));
        }

        return touched;
    }

    /// <summary>Per business day: the match rate of the runs that started that day and the exceptions raised.</summary>
    public async Task<IReadOnlyList<DailyPoint>> DailyAsync(DateOnly firstDay, int days, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var from = BusinessWeek.StartOfDay(firstDay, zone);
        var to = BusinessWeek.StartOfDay(firstDay.AddDays(days), zone);
        var flows = FlowNames;
        var runs = await db.Runs.AsNoTracking()
            .Where(r => flows.Contains(r.Flow) && r.Status == RunStatus.Completed && r.StartedAt >= from && r.StartedAt < to)
            .Select(r => new { r.StartedAt, r.OrdersExamined, r.OrdersMatched })
            .ToListAsync(cancellationToken);
        var raised = await db.Exceptions.AsNoTracking()
            .Where(e => flows.Contains(e.Flow) && e.CreatedAt >= from && e.CreatedAt < to)
            .Select(e => e.CreatedAt)
            .ToListAsync(cancellationToken);
        return [.. Enumerable.Range(0, days).Select(offset =>
        {
            var day = firstDay.AddDays(offset);
            var dayRuns = runs.Where(r => BusinessWeek.DayOf(r.StartedAt, zone) == day).ToList();
            var examined = dayRuns.Sum(r => r.OrdersExamined);
            return new DailyPoint(
                day,
                examined == 0 ? null : (double)dayRuns.Sum(r => r.OrdersMatched) / examined,
                raised.Count(at => BusinessWeek.DayOf(at, zone) == day));
        })];
    }

    /// <summary>Each flow's lags and unconfirmed orders in the period, read on a database connection of its own.</summary>
    private async Task<List<(string Flow, List<TimeSpan> Lags, int Unconfirmed)>> AllLagsAsync(
        IReadOnlyList<string> flows, ReportPeriod period, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var result = new List<(string, List<TimeSpan>, int)>(flows.Count);
        foreach (var flow in flows)
        {
            var (lags, unconfirmed) = await LagsAsync(own, flow, period, cancellationToken);
            result.Add((flow, lags, unconfirmed));
        }

        return result;
    }

    private static List<TimeSpan> Merged(List<(string Flow, List<TimeSpan> Lags, int Unconfirmed)> lagsByFlow)
    {
        var all = new List<TimeSpan>(lagsByFlow.Sum(l => l.Lags.Count));
        foreach (var (_, lags, _) in lagsByFlow)
        {
            all.AddRange(lags);
        }

        return all;
    }

    /// <summary>
    /// Source orders created in the period: how long until every target had received them. Read from the flow's lag rows,
    /// which <see cref="OrderLagMaintainer"/> keeps equal to that computation over the records (one narrow indexed read).
    /// </summary>
    private async Task<(List<TimeSpan> Lags, int Unconfirmed)> LagsAsync(ReconcileDbContext lagsDb, string flow, ReportPeriod period, CancellationToken cancellationToken)
    {
        if (!topology.CurrentValue.Flows.TryGetValue(flow, out var options) || options.Targets.Count == 0)
        {
            return ([], 0);
        }

        var (from, to) = (period.From, period.To);
        // A source copy last updated before the period began is not one of its orders, whatever its createdAt says.
        // A week can hold a million orders: read as plain integers, not materialised row by row.
        var query = lagsDb.OrderLags.AsNoTracking()
            .Where(l => l.Flow == flow && l.CreatedAt >= from && l.CreatedAt < to && l.UpdatedAt >= from)
            .Select(l => l.LagTicks);
        var (ticks, unconfirmed) = await ScalarRows.ReadAsync(lagsDb, query, cancellationToken);
        var lags = new List<TimeSpan>(ticks.Count);
        foreach (var lag in ticks)
        {
            lags.Add(TimeSpan.FromTicks(lag));
        }

        return (lags, unconfirmed);
    }

    /// <summary>The source copy of each order with an exception raised in the period, by flow and order id, read on a database connection of its own.</summary>
    private async Task<Dictionary<(string Flow, string OrderId), SourceOrder>> SourcesAsync(
        IReadOnlyList<string> flows, ReportPeriod period, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<SourceOrderReader>();
        var result = new Dictionary<(string, string), SourceOrder>();
        foreach (var flow in flows)
        {
            if (!topology.CurrentValue.Flows.TryGetValue(flow, out var options))
            {
                continue;
            }

            foreach (var (orderId, order) in await reader.RaisedInAsync(flow, options.Source, period, cancellationToken))
            {
                result[(flow, orderId)] = order;
            }
        }

        return result;
    }
}
