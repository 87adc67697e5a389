using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Simulation;
using Reconcile.Hosting;
using Reconcile.Ingest;

namespace Reconcile.Simulation;

/// <summary>
/// Loads a simulated world into the store through the same path as real ingest, with the simulated receive times. The
/// world is generated as it is stored, <see cref="OrdersPerBatch"/> orders at a time, so a load of millions of records
/// never holds them all.
/// </summary>
public sealed class SimulationLoader(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>How many orders are generated, read and stored together: about as many records per system.</summary>
    public const int OrdersPerBatch = 5000;

    /// <summary>The systems in the order each batch stores them.</summary>
    private static readonly string[] Systems = [SimulatedFlow.Shop, SimulatedFlow.Crm, SimulatedFlow.Billing];

    public Task<SimulatedWorld> LoadAsync(int orders, double faultRate, int seed, CancellationToken cancellationToken) =>
        LoadAsync(orders, faultRate, seed, progress: null, cancellationToken);

    /// <summary>
    /// As above, reporting records stored out of every simulated record (shop, CRM and billing; about three per order
    /// until the last batch is generated). The world returned holds the faults; its payloads are generated again, from
    /// the same seed, only if read.
    /// </summary>
    public async Task<SimulatedWorld> LoadAsync(int orders, double faultRate, int seed, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var options = new SimulatorOptions(orders, faultRate, seed, time.GetUtcNow());
        var faults = new List<InjectedFault>();
        var shape = Simulator.Describe(options, [], faults);
        await LoadReferenceAsync(shape, cancellationToken);
        var (stored, total) = (0L, (long)orders * Systems.Length);
        progress?.Report(new WorkProgress(stored, total));
        using var stream = Simulator.Stream(options).GetEnumerator();
        // The next batch is generated and read on the thread pool while this one is written: that is pure work, writing waits on SQLite.
        var next = PrepareAsync(stream, faults, shape.FieldMaps);
        await using var load = await BulkLoad.BeginAsync(scopes, total, cancellationToken);
        while (await next is { Count: > 0 } prepared)
        {
            next = PrepareAsync(stream, faults, shape.FieldMaps);
            foreach (var (system, batch) in prepared)
            {
                await load.StoreAsync(store => store.StoreAsync(system, batch, cancellationToken));
                stored += batch.Count;
                progress?.Report(new WorkProgress(stored, Math.Max(total, stored)));
            }
        }

        progress?.Report(new WorkProgress(stored, stored));
        await load.CompleteAsync(cancellationToken);
        return shape with { Payloads = new RegeneratedPayloads(options, checked((int)stored)) };
    }

    /// <summary>Generates the next <see cref="OrdersPerBatch"/> orders and reads each system's payloads (empty at the end). One at a time: the stream is not shared.</summary>
    private static Task<List<(string System, PreparedBatch Batch)>> PrepareAsync(
        IEnumerator<SimulatedOrderPayloads> stream, List<InjectedFault> faults, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> fieldMaps) => Task.Run(() =>
    {
        var bySystem = Systems.ToDictionary(s => s, _ => new List<SimulatedPayload>(OrdersPerBatch), StringComparer.Ordinal);
        for (var n = 0; n < OrdersPerBatch && stream.MoveNext(); n++)
        {
            foreach (var payload in stream.Current.Payloads)
            {
                bySystem[payload.System].Add(payload);
            }

            if (stream.Current.Fault is { } fault)
            {
                faults.Add(fault);
            }
        }

        return Systems.Where(s => bySystem[s].Count > 0).Select(system => (system, RecordStore.Prepare(
            [.. bySystem[system].Select(p => (p.RawPayload, p.ReceivedAt))], fieldMaps.GetValueOrDefault(system)))).ToList();
    });

    private async Task LoadReferenceAsync(SimulatedWorld world, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var now = time.GetUtcNow();
        var reference = world.Reference;
        var knownCustomers = db.Customers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        db.Customers.AddRange(reference.CustomerIds.Where(id => !knownCustomers.Contains(id)).Select(id => new CustomerEntity { Id = id, ReceivedAt = now }));
        var knownProducts = db.Products.Select(p => p.Sku).ToHashSet(StringComparer.Ordinal);
        db.Products.AddRange(reference.Products.Values.Where(p => !knownProducts.Contains(p.Sku)).Select(p => new ProductEntity { Sku = p.Sku, Price = p.ListPrice, ReceivedAt = now }));
        var knownPromotions = db.Promotions.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        db.Promotions.AddRange(reference.Promotions.Values.Where(p => !knownPromotions.Contains(p.Code)).Select(p => new PromotionEntity
        {
            Code = p.Code, Campaign = p.Campaign, ValidFrom = p.ValidFrom, ValidTo = p.ValidTo, PercentOff = p.PercentOff, AmountOff = p.AmountOff, ReceivedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
