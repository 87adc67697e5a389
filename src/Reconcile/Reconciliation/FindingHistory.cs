using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Findings;

namespace Reconcile.Reconciliation;

/// <summary>
/// Adds the last few versions of the record at fault to each finding's diagnostics. Loaded only for
/// orders with findings, so a clean run never reads history.
/// </summary>
public sealed class FindingHistory(ReconcileDbContext db)
{
    // The ids go as one array parameter per chunk (json_each on SQLite, ANY on PostgreSQL), so a chunk costs one
    // statement however large: it only bounds the history rows held at once.
    private const int Chunk = 5_000;
    private const int Versions = 3;

    public async Task<IReadOnlyList<Finding>> AttachAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        var orderIds = findings.Where(f => f.OrderId.Length > 0).Select(f => f.OrderId).Distinct().ToList();
        // The systems too, so the (system, order) index serves the lookup instead of a scan of all history per chunk.
        var systems = findings.Select(f => f.System).Distinct().ToList();
        var history = new Dictionary<(string, string), List<string>>();
        foreach (var chunk in orderIds.Chunk(Chunk))
        {
            var rows = await db.RecordHistory.AsNoTracking()
                .Where(h => systems.Contains(h.System) && EF.Parameter(chunk).Contains(h.OrderId))
                .Select(h => new { h.System, h.OrderId, h.Version, Text = h.Payload ?? h.RawPayload })
                .ToListAsync(cancellationToken);
            foreach (var group in rows.GroupBy(r => (r.System, r.OrderId)))
            {
                history[group.Key] = [.. group.OrderByDescending(r => r.Version).Take(Versions).Select(r => r.Text)];
            }
        }

        return history.Count == 0
            ? findings
            : [.. findings.Select(f => history.TryGetValue((f.System, f.OrderId), out var versions)
                ? f with { Diagnostics = f.Diagnostics with { History = versions } }
                : f)];
    }
}
