using System.Globalization;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;

namespace Reconcile.Reconciliation;

/// <summary>What a run needs to know of an open exception to plan it, without its diagnostics document.</summary>
internal sealed record OpenExceptionRow(
    long Id, string Flow, string OrderId, string Type, string System, string Fingerprint, ExceptionState State, string Owner,
    string OriginalOwner, int Occurrences, DateTimeOffset LastSeenAt, int Version)
{
    private static readonly string[] RepeatColumns =
    [
        nameof(ExceptionEntity.Occurrences), nameof(ExceptionEntity.LastSeenAt), nameof(ExceptionEntity.Expected), nameof(ExceptionEntity.Actual),
        nameof(ExceptionEntity.ValueAtRisk), nameof(ExceptionEntity.Diagnostics), nameof(ExceptionEntity.RunId),
    ];

    public static IQueryable<OpenExceptionRow> Project(IQueryable<ExceptionEntity> query) => query.Select(e => new OpenExceptionRow(
        e.Id, e.Flow, e.OrderId, e.Type, e.System, e.Fingerprint, e.State, e.Owner, e.OriginalOwner, e.Occurrences, e.LastSeenAt, e.Version));

    public ExceptionOnRecord ToOnRecord() => new()
    {
        Id = Id.ToString(CultureInfo.InvariantCulture),
        Fingerprint = Fingerprint,
        OrderId = OrderId,
        State = State,
        Occurrences = Occurrences,
        LastSeenAt = LastSeenAt,
    };

    /// <summary>
    /// Records a repeat on a stub attached at the version read, so the UPDATE still checks the concurrency
    /// token: a decision that landed meanwhile makes the run plan again.
    /// </summary>
    public static ExceptionEntity Update(ReconcileDbContext db, OpenExceptionRow open, PlannedUpdate update, long runId, DateTimeOffset now)
    {
        var stub = new ExceptionEntity
        {
            Id = open.Id, Flow = open.Flow, OrderId = open.OrderId, Type = open.Type, System = open.System, Fingerprint = open.Fingerprint,
            State = open.State, Owner = open.Owner, OriginalOwner = open.OriginalOwner, Version = open.Version,
        };
        var entry = db.Exceptions.Attach(stub);
        ExceptionTransitions.SeenAgain(stub, update.Occurrences, runId, now);
        stub.Expected = update.Finding.Expected;
        stub.Actual = update.Finding.Actual;
        stub.ValueAtRisk = update.Finding.ValueAtRisk;
        stub.Diagnostics = DiagnosticsJson.Serialize(update.Finding.Diagnostics);
        foreach (var property in RepeatColumns)
        {
            entry.Property(property).IsModified = true;
        }

        return stub;
    }
}
