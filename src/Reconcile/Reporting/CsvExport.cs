using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Hosting;
using Reconcile.Lifecycle;

namespace Reconcile.Reporting;

/// <summary>
/// The monthly finance audit: every exception raised or resolved in the period with its decision, and
/// the audit events of the period. Read in id-ordered pages so a month of rows never sits in memory.
/// </summary>
public sealed class CsvExport(ReconcileDbContext db)
{
    public static readonly string[] ExceptionColumns =
    [
        "id", "flow", "orderId", "type", "system", "attribute", "state", "resolution", "owner", "originalOwner", "escalationLevel",
        "createdAt", "slaDueAt", "resolvedAt", "resolvedBy", "reason", "valueAtRisk", "occurrences", "previousExceptionId", "expected", "actual",
    ];

    public static readonly string[] AuditColumns =
        ["id", "exceptionId", "at", "actor", "action", "fromState", "toState", "reason", "details", "prevHash", "hash"];

    private const int PageSize = 1000;

    public Task<int> WriteExceptionsAsync(TextWriter writer, ReportPeriod period, string? flow, CancellationToken cancellationToken) =>
        WriteExceptionsAsync(writer, period, flow, progress: null, cancellationToken);

    /// <summary>Writes the exceptions CSV; returns the rows written and reports rows written out of the period's total.</summary>
    public async Task<int> WriteExceptionsAsync(TextWriter writer, ReportPeriod period, string? flow, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var csv = new CsvRowWriter(writer);
        await csv.WriteRowAsync(ExceptionColumns, cancellationToken);
        var total = progress is null ? 0 : await ExceptionsIn(period, flow).LongCountAsync(cancellationToken);
        var count = 0;
        long after = 0;
        while (true)
        {
            var page = await ExceptionsIn(period, flow).Where(e => e.Id > after).OrderBy(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return count;
            }

            var reasons = await ReasonsAsync([.. page.Select(e => e.Id)], cancellationToken);
            foreach (var e in page)
            {
                await csv.WriteRowAsync([
                    Csv.Number(e.Id), e.Flow, e.OrderId, e.Type, e.System, e.Attribute, e.State.ToWireName(), e.Resolution?.ToWireName(), e.Owner, e.OriginalOwner,
                    Csv.Number(e.EscalationLevel), Csv.Time(e.CreatedAt), Csv.Time(e.SlaDueAt), Csv.Time(e.ResolvedAt), e.ResolvedBy,
                    reasons.GetValueOrDefault(e.Id), Csv.Money(e.ValueAtRisk), Csv.Number(e.Occurrences), Csv.Number(e.PreviousExceptionId),
                    e.Expected, e.Actual,
                ], cancellationToken);
            }

            count += page.Count;
            after = page[^1].Id;
            progress?.Report(new WorkProgress(count, total));
        }
    }

    public Task<int> WriteAuditAsync(TextWriter writer, ReportPeriod period, CancellationToken cancellationToken) =>
        WriteAuditAsync(writer, period, progress: null, cancellationToken);

    /// <summary>Writes the audit CSV; returns the rows written and reports rows written out of the period's total.</summary>
    public async Task<int> WriteAuditAsync(TextWriter writer, ReportPeriod period, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var csv = new CsvRowWriter(writer);
        await csv.WriteRowAsync(AuditColumns, cancellationToken);
        var total = progress is null ? 0 : await AuditIn(period).LongCountAsync(cancellationToken);
        var count = 0;
        long after = 0;
        while (true)
        {
            var page = await AuditIn(period).Where(a => a.Id > after).OrderBy(a => a.Id).Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return count;
            }

            foreach (var a in page)
            {
                await csv.WriteRowAsync([
                    Csv.Number(a.Id), Csv.Number(a.ExceptionId), Csv.Time(a.At), a.Actor, a.Action, a.FromState, a.ToState,
                    a.Reason, a.Details, a.PrevHash, a.Hash,
                ], cancellationToken);
            }

            count += page.Count;
            after = page[^1].Id;
            progress?.Report(new WorkProgress(count, total));
        }
    }

    private IQueryable<ExceptionEntity> ExceptionsIn(ReportPeriod period, string? flow)
    {
        var (from, to) = (period.From, period.To);
        return db.Exceptions.AsNoTracking().Where(e => (flow == null || e.Flow == flow)
            && ((e.CreatedAt >= from && e.CreatedAt < to) || (e.ResolvedAt >= from && e.ResolvedAt < to)));
    }

    private IQueryable<AuditEventEntity> AuditIn(ReportPeriod period)
    {
        var (from, to) = (period.From, period.To);
        return db.AuditEvents.AsNoTracking().Where(a => a.At >= from && a.At < to);
    }

    /// <summary>The reason of each exception's approval (the latest, if approved more than once).</summary>
    private async Task<Dictionary<long, string?>> ReasonsAsync(List<long> ids, CancellationToken cancellationToken)
    {
        var approvals = await db.AuditEvents.AsNoTracking()
            .Where(a => a.ExceptionId != null && ids.Contains(a.ExceptionId.Value) && a.Action == AuditActions.Approved)
            .OrderBy(a => a.Id)
            .Select(a => new { ExceptionId = a.ExceptionId!.Value, a.Reason })
            .ToListAsync(cancellationToken);
        var reasons = new Dictionary<long, string?>();
        foreach (var approval in approvals)
        {
            reasons[approval.ExceptionId] = approval.Reason;
        }

        return reasons;
    }
}
