using Microsoft.EntityFrameworkCore;
using Reconcile.Engine.Records;

namespace Reconcile.Data;

/// <summary>
/// Fills the typed columns and compact part (<see cref="RecordColumns"/>) of records stored before they existed, from
/// their canonical JSON, in batches by id; run by <see cref="DatabaseMigrator"/> right after the migrations, so runs
/// read columns from then on. Idempotent: only rows still without a compact part are touched, each once.
/// </summary>
public static class RecordColumnsBackfill
{
    private const int Batch = 5_000;

    /// <summary>
    /// The rows still to fill, as the filter of their partial index (<c>IX_records_columns_pending</c>): the same on SQLite
    /// and PostgreSQL, and the terms of <see cref="Pending"/>'s query, so both providers read that index for it.
    /// </summary>
    public const string PendingFilter = "\"Compact\" IS NULL AND \"Payload\" IS NOT NULL AND NOT \"Quarantined\"";

    /// <summary>The next batch of rows to fill after id <paramref name="after"/>, tracked, in id order.</summary>
    internal static IQueryable<Entities.RecordEntity> Pending(ReconcileDbContext db, long after) =>
        db.Records.AsTracking().Where(r => r.Id > after && r.Compact == null && r.Payload != null && !r.Quarantined).OrderBy(r => r.Id).Take(Batch);

    /// <summary>Returns how many records were filled. A payload that cannot be read is left as it is (a run reads it as before).</summary>
    public static async Task<int> RunAsync(ReconcileDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (filled, after) = (0, 0L);
        while (true)
        {
            var rows = await Pending(db, after).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return filled;
            }

            foreach (var row in rows)
            {
                try
                {
                    RecordColumns.Write(row, CanonicalJson.Deserialize(row.Payload!));
                    filled++;
                }
                catch (FormatException)
                {
                    // Unreadable canonical JSON fails a run the same way with or without columns: leave it for a person.
                }
            }

            after = rows[^1].Id;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
