using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Flows;
using Reconcile.Engine.Matching;
using Reconcile.Engine.Reference;
using Reconcile.Ingest;
using Reconcile.Reconciliation.Connectors;
using Reconcile.Topology;

namespace Reconcile.Reconciliation;

/// <summary>
/// Confirm before paging: a <c>missing_in_target</c> or <c>field_mismatch</c> against a system with
/// <c>Connector:Read</c> is checked by reading that one order from the system before any exception is opened. A copy
/// the read returns is stored through the ordinary ingest store (history, identical-resend rules, quarantine) and the
/// order is judged again, so a dropped webhook pages nobody. Reads per system and run are bounded by
/// <c>Read:MaxPerRun</c> and run <c>Read:Concurrency</c> at a time; a finding that was not read (budget spent, the
/// system down, an answer that is not the order) stands with "not confirmed: reason" among its failed checks.
/// </summary>
public sealed class ConfirmingReads(
    RecordConnectors connectors, IServiceScopeFactory scopes, IOptionsMonitor<TopologyOptions> topology, ILogger<ConfirmingReads> logger)
{
    private static readonly HashSet<string> Confirmed = new(StringComparer.Ordinal) { FindingType.MissingInTarget, FindingType.FieldMismatch };

    /// <summary>Whether any of the flow's <paramref name="systems"/> has an Http <c>Connector:Read</c>; without one a run does not touch connectors at all.</summary>
    public static bool AnyReader(IServiceProvider services, IReadOnlyList<string> systems)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(systems);
        var configured = services.GetRequiredService<IOptionsMonitor<TopologyOptions>>().CurrentValue.Systems;
        return systems.Any(s => configured.TryGetValue(s, out var system) && system.Connector is { Kind: ConnectorOptions.Http, Read: not null });
    }

    /// <summary>The run's result with confirmed orders judged again and every confirmable finding annotated.</summary>
    public async Task<ReconcileResult> ConfirmAsync(
        FlowDefinition definition, IReadOnlyList<string> systems, ReconcileResult result, ReferenceData reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var candidates = result.Findings.Where(f => Confirmed.Contains(f.Type) && connectors.Reader(f.System) is not null)
            .Select(f => (f.System, f.OrderId)).Distinct().ToList();
        if (candidates.Count == 0)
        {
            return result;
        }

        var notes = new ConcurrentDictionary<(string System, string OrderId), string>();
        var chosen = new List<(string System, string OrderId)>();
        foreach (var group in candidates.GroupBy(c => c.System))
        {
            var budget = topology.CurrentValue.Systems[group.Key].Connector!.Read!.MaxPerRun;
            chosen.AddRange(group.Take(budget));
            foreach (var skipped in group.Skip(budget))
            {
                notes[skipped] = $"not confirmed: this run's {budget} confirming reads of {group.Key} were spent";
            }
        }

        var found = await ReadAsync(chosen, notes, cancellationToken);
        var stored = await StoreAsync(found, notes, cancellationToken);
        var judged = stored.Count == 0 ? result : await JudgeAgainAsync(definition, systems, result, stored, reference, now, cancellationToken);
        logger.LogInformation("Confirming reads: {Read} read, {Found} found and judged again, {Unconfirmed} not confirmed",
            chosen.Count, stored.Count, notes.Count(n => n.Value.StartsWith("not confirmed", StringComparison.Ordinal)));
        return judged with { Findings = [.. judged.Findings.Select(f => Annotate(f, notes))] };
    }

    private async Task<Dictionary<(string System, string OrderId), JsonElement>> ReadAsync(
        List<(string System, string OrderId)> chosen, ConcurrentDictionary<(string System, string OrderId), string> notes, CancellationToken cancellationToken)
    {
        var externalIds = await ExternalIdsAsync(chosen, cancellationToken);
        var limits = chosen.Select(c => c.System).Distinct(StringComparer.Ordinal).ToDictionary(
            s => s, s => new SemaphoreSlim(topology.CurrentValue.Systems[s].Connector!.Read!.Concurrency), StringComparer.Ordinal);
        var found = new ConcurrentDictionary<(string System, string OrderId), JsonElement>();
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, limits.Values.Sum(l => l.CurrentCount)), CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(chosen, parallel, async (order, token) =>
            {
                await limits[order.System].WaitAsync(token);
                try
                {
                    var item = await connectors.Reader(order.System)!.ReadItemAsync(order.OrderId, externalIds.GetValueOrDefault(order), token);
                    if (item is { } copy)
                    {
                        found[order] = copy;
                    }
                    else
                    {
                        notes[order] = $"confirmed by reading {order.System}: it does not have the order";
                    }
                }
                catch (ConnectorException e)
                {
                    notes[order] = $"not confirmed: {e.Message}";
                }
                finally
                {
                    limits[order.System].Release();
                }
            });
        }
        finally
        {
            foreach (var limit in limits.Values)
            {
                limit.Dispose();
            }
        }

        return new(found);
    }

    private async Task<Dictionary<(string System, string OrderId), string>> ExternalIdsAsync(List<(string System, string OrderId)> orders, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var ids = new Dictionary<(string, string), string>();
        foreach (var group in orders.GroupBy(o => o.System))
        {
            foreach (var chunk in group.Select(o => o.OrderId).Chunk(500))
            {
                var rows = await db.Records.AsNoTracking().Where(r => r.System == group.Key && chunk.Contains(r.OrderId) && r.ExternalId != "" && !r.Quarantined)
                    .Select(r => new { r.OrderId, r.ExternalId }).ToListAsync(cancellationToken);
                foreach (var row in rows)
                {
                    ids[(group.Key, row.OrderId)] = row.ExternalId;
                }
            }
        }

        return ids;
    }

    /// <summary>Stores what the reads found, system by system, exactly as a webhook of that system would be stored.</summary>
    private async Task<HashSet<string>> StoreAsync(
        Dictionary<(string System, string OrderId), JsonElement> found, ConcurrentDictionary<(string System, string OrderId), string> notes, CancellationToken cancellationToken)
    {
        var orders = new HashSet<string>(StringComparer.Ordinal);
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<RecordStore>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        foreach (var group in found.GroupBy(f => f.Key.System))
        {
            var reader = connectors.Reader(group.Key)!;
            var items = group.ToList();
            var outcome = await store.StoreAsync(group.Key, [.. items.Select(i => (i.Value, time.GetUtcNow()))], reader.Parse, cancellationToken);
            foreach (var item in items)
            {
                orders.Add(item.Key.OrderId);
                notes[item.Key] = $"confirmed by reading {group.Key}: its copy was stored and judged again";
            }

            logger.LogInformation("Confirming reads of {System}: {Accepted} stored, {Quarantined} quarantined", group.Key, outcome.Accepted, outcome.Quarantined);
        }

        return orders;
    }

    private async Task<ReconcileResult> JudgeAgainAsync(
        FlowDefinition definition, IReadOnlyList<string> systems, ReconcileResult result, HashSet<string> orders, ReferenceData reference, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var snapshot = await new RecordSnapshotLoader(db).LoadOrdersAsync(systems, orders, cancellationToken);
        var again = Reconciler.Reconcile(definition, snapshot.OrderIds, snapshot.Get, reference, now);
        var dropped = result.Findings.Where(f => orders.Contains(f.OrderId)).ToList();
        var byType = result.FindingsByType.ToDictionary(StringComparer.Ordinal);
        foreach (var finding in dropped)
        {
            byType[finding.Type] = byType.GetValueOrDefault(finding.Type) - 1;
        }

        foreach (var finding in again.Findings)
        {
            byType[finding.Type] = byType.GetValueOrDefault(finding.Type) + 1;
        }

        var nowMatched = orders.Count(o => again.Findings.All(f => f.OrderId != o) && !again.PendingOrderIds.Contains(o));
        return result with
        {
            Findings = [.. result.Findings.Where(f => !orders.Contains(f.OrderId)), .. again.Findings],
            OrdersMatched = Math.Min(result.OrdersExamined, result.OrdersMatched + nowMatched),
            FindingsByType = byType.Where(p => p.Value > 0).ToDictionary(StringComparer.Ordinal),
        };
    }

    private static Finding Annotate(Finding finding, ConcurrentDictionary<(string System, string OrderId), string> notes) =>
        Confirmed.Contains(finding.Type) && notes.TryGetValue((finding.System, finding.OrderId), out var note)
            ? finding with { Diagnostics = finding.Diagnostics with { FailedChecks = [.. finding.Diagnostics.FailedChecks, note] } }
            : finding;
}
