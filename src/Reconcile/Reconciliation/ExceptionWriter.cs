using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Auditing;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Calendar;
using Reconcile.Engine.Exceptions;
using Reconcile.Engine.Findings;
using Reconcile.Lifecycle;
using Reconcile.Topology;

namespace Reconcile.Reconciliation;

/// <summary>
/// Turns a run's findings into exception rows: opens new ones with an owner and SLA, updates
/// repeats, resolves the reconciled automatically — each through the lifecycle
/// (<see cref="ExceptionTransitions"/>), which audits it. The caller saves, so everything commits in its transaction.
/// </summary>
public sealed class ExceptionWriter(
    ReconcileDbContext db, ExceptionTransitions transitions, AuditLog audit, TimeProvider time, BusinessCalendar calendar, IOptionsMonitor<TopologyOptions> topology)
{
    private const int Chunk = 500;
    private const int LoadWholeFlowAbove = 50_000;
    private const ExceptionState ResolvedState = ExceptionState.Resolved;
    private const string StaleSource = FindingType.StaleSource;

    /// <param name="feedLevel">
    /// True plans stale_source (whole feeds) only; false plans every per-order type. The two never judge each
    /// other's exceptions: a feed is not reconciled because an order was, nor the other way round.
    /// </param>
    public async Task<AppliedPlan> PlanAsync(
        string flow, long runId, IReadOnlyList<Finding> findings, IReadOnlyCollection<string> examined, bool feedLevel, CancellationToken cancellationToken)
    {
        var existing = await LoadUnresolvedAsync(flow, examined, feedLevel, cancellationToken);
        var resolvedBefore = await LoadResolvedAsync(flow, findings, cancellationToken);
        var plan = ExceptionPlanner.Plan(findings, examined, [.. existing.Values.Select(r => r.ToOnRecord()), .. resolvedBefore]);
        var now = time.GetUtcNow();

        // New rows are inserted in bulk by InsertOpenedAsync, not tracked one by one.
        var opened = plan.ToOpen.Select(o => Open(o, runId, now)).ToList();

        var updated = new List<ExceptionEntity>(plan.ToUpdate.Count);
        foreach (var update in plan.ToUpdate)
        {
            updated.Add(OpenExceptionRow.Update(db, existing[long.Parse(update.Existing.Id, CultureInfo.InvariantCulture)], update, runId, now));
        }

        var resolving = plan.ToAutoResolve.Select(k => long.Parse(k.Id, CultureInfo.InvariantCulture)).ToList();
        var full = new Dictionary<long, ExceptionEntity>(resolving.Count);
        foreach (var chunk in resolving.Chunk(Chunk))
        {
            foreach (var row in await db.Exceptions.Where(e => chunk.Contains(e.Id)).ToListAsync(cancellationToken))
            {
                full[row.Id] = row;
            }
        }

        var resolved = new List<ExceptionEntity>(plan.ToAutoResolve.Count);
        foreach (var id in resolving)
        {
            var row = full[id];
            if (row.Version != existing[id].Version)
            {
                throw new DbUpdateConcurrencyException($"exception {id} changed while the run planned");
            }

            transitions.AutoResolve(db, row, runId);
            resolved.Add(row);
        }

        return new AppliedPlan(opened, updated, resolved);
    }

    /// <summary>
    /// Inserts the run's new exceptions in a few statements (ids read back onto the rows), then their creation events,
    /// chained in order, the same way; inside the caller's transaction, after it saved the updates and resolutions.
    /// </summary>
    public async Task InsertOpenedAsync(IReadOnlyList<ExceptionEntity> opened, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opened);
        foreach (var row in opened)
        {
            ExceptionTransitions.Opening(row);
        }

        // A fingerprint is the exception's key, so a run opens each at most once: it matches ids back to rows.
        await BulkInsert.InsertAsync(db, opened, nameof(ExceptionEntity.Fingerprint), cancellationToken);
        foreach (var row in opened)
        {
            transitions.RecordOpened(db, row);
        }

        await audit.SaveAddedInBulkAsync(db, cancellationToken);
    }

    private ExceptionEntity Open(PlannedOpen planned, long runId, DateTimeOffset now)
    {
        var finding = planned.Finding;
        var sla = topology.CurrentValue.Owners.TryGetValue(finding.Owner, out var owner) ? owner.SlaBusinessHours : 24;
        return new ExceptionEntity
        {
            Flow = finding.Flow,
            OrderId = finding.OrderId,
            Type = finding.Type,
            System = finding.System,
            Attribute = finding.Attribute,
            Fingerprint = finding.Fingerprint,
            Expected = finding.Expected,
            Actual = finding.Actual,
            Owner = finding.Owner,
            OriginalOwner = finding.Owner,
            SlaDueAt = calendar.AddBusinessHours(now, sla),
            CreatedAt = now,
            LastSeenAt = now,
            ValueAtRisk = finding.ValueAtRisk,
            Diagnostics = DiagnosticsJson.Serialize(finding.Diagnostics),
            PreviousExceptionId = planned.PreviousExceptionId is null ? null : long.Parse(planned.PreviousExceptionId, CultureInfo.InvariantCulture),
            RunId = runId,
        };
    }

    /// <summary>
    /// The flow's unresolved exceptions of the examined orders, as small untracked rows: a run that sees
    /// 45,000 open exceptions again must not hold 45,000 diagnostics documents in memory to bump counters.
    /// </summary>
    private async Task<Dictionary<long, OpenExceptionRow>> LoadUnresolvedAsync(
        string flow, IReadOnlyCollection<string> examined, bool feedLevel, CancellationToken cancellationToken)
    {
        var unresolved = db.Exceptions.AsNoTracking().Where(e => e.Flow == flow && e.State != ResolvedState && (e.Type == StaleSource) == feedLevel);
        if (examined.Count > LoadWholeFlowAbove)
        {
            return await OpenExceptionRow.Project(unresolved).ToDictionaryAsync(e => e.Id, cancellationToken);
        }

        // Look up by order id alone (its own index), then narrow: a filter on flow and state would lead SQLite to scan
        // the flow's whole (flow, state) index. The ids go as one array parameter (json_each on SQLite, ANY on
        // PostgreSQL), one statement for any number of orders, not a statement and 500 bound names per chunk.
        var ids = examined.ToArray();
        var candidates = await OpenExceptionRow.Project(db.Exceptions.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.OrderId))).ToListAsync(cancellationToken);
        return candidates.Where(e => e.Flow == flow && e.State != ResolvedState && (e.Type == StaleSource) == feedLevel).ToDictionary(e => e.Id);
    }

    /// <summary>
    /// Resolved exceptions only matter when their fingerprint is found again (a recurrence links to them): read, not
    /// tracked. Looked up by fingerprint and state alone (their own index), then narrowed to the flow: with the flow in the
    /// filter SQLite walks the flow's (flow, state) index, every resolved exception the flow ever had, once per statement.
    /// The fingerprints go as one array parameter (json_each on SQLite, ANY on PostgreSQL): one statement for a full run's
    /// tens of thousands of findings.
    /// </summary>
    private async Task<List<ExceptionOnRecord>> LoadResolvedAsync(string flow, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        var fingerprints = findings.Select(f => f.Fingerprint).Distinct().ToArray();
        if (fingerprints.Length == 0)
        {
            return [];
        }

        var rows = await db.Exceptions.AsNoTracking()
            .Where(e => EF.Parameter(fingerprints).Contains(e.Fingerprint) && e.State == ResolvedState)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Where(e => e.Flow == flow).Select(ToOnRecord)];
    }

    private static ExceptionOnRecord ToOnRecord(ExceptionEntity row) => new()
    {
        Id = row.Id.ToString(CultureInfo.InvariantCulture),
        Fingerprint = row.Fingerprint,
        OrderId = row.OrderId,
        State = row.State,
        Occurrences = row.Occurrences,
        LastSeenAt = row.LastSeenAt,
        ResolvedAt = row.ResolvedAt,
    };
}
