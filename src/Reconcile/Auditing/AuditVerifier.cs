using Microsoft.EntityFrameworkCore;
using Reconcile.Data;

namespace Reconcile.Auditing;

/// <summary>Walks the chain from the first event and names the first one whose hash or link is wrong.</summary>
public sealed class AuditVerifier(ReconcileDbContext db)
{
    public sealed record Result(bool Intact, int Checked, long? FirstBadId, string? Problem);

    public async Task<Result> VerifyAsync(CancellationToken cancellationToken)
    {
        var previous = AuditHasher.Genesis;
        var count = 0;
        await foreach (var audit in db.AuditEvents.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (audit.PrevHash != previous)
            {
                return new Result(false, count, audit.Id, $"event {AuditHasher.Describe(audit)} does not link to the event before it");
            }

            if (AuditHasher.Compute(audit, audit.PrevHash) != audit.Hash)
            {
                return new Result(false, count, audit.Id, $"event {AuditHasher.Describe(audit)} was altered: its hash does not match its content");
            }

            previous = audit.Hash;
            count++;
        }

        return new Result(true, count, null, null);
    }
}
