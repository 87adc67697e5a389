using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Ingest.Mapping;
using Reconcile.Ingest.Webhooks;
using Reconcile.Topology;

namespace Reconcile.Ingest.Pull;

/// <summary>
/// Stores a page's items exactly as a webhook delivery's: the system's mapping (or field map), then the record store —
/// quarantine with the reason, history of replaced versions, an identical resend changing nothing.
/// </summary>
public sealed class PulledPages(RecordStore store, ReconcileDbContext db, SystemMappings mappings, IOptionsMonitor<TopologyOptions> topology, TimeProvider time)
{
    private const int Chunk = 500;

    /// <summary>Stores <paramref name="items"/> of <paramref name="system"/> as received now and counts what they became.</summary>
    public async Task<PageCounts> StoreAsync(string system, IReadOnlyList<JsonElement> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var parse = WebhookItems.Parser(mappings.For(system), topology.CurrentValue.Systems[system].FieldMap);
        var read = items.Select(i => (Raw: i.GetRawText(), Result: parse(i))).ToList();

        // Counted before storing, because an identical resend leaves no trace in the store to count afterwards.
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in read.Select(r => r.Result.OrderId).OfType<string>().Distinct().Chunk(Chunk))
        {
            held.UnionWith(await db.Records.AsNoTracking().Where(r => r.System == system && chunk.Contains(r.OrderId))
                .Select(r => r.StoredRawPayload == "" ? r.Payload ?? "" : r.StoredRawPayload).ToListAsync(cancellationToken));
        }

        var unchanged = read.Count(r => r.Result.IsValid && held.Contains(r.Raw));
        var now = time.GetUtcNow();
        var result = await store.StoreAsync(system, [.. items.Select(i => (i, now))], parse, cancellationToken);
        var newest = read.Where(r => r.Result.IsValid && r.Result.Record is not null)
            .Select(r => (DateTimeOffset?)r.Result.Record!.UpdatedAt.ToUniversalTime()).Max();
        return new PageCounts(result.Accepted - unchanged, unchanged, result.Quarantined, newest);
    }
}
