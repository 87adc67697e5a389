using System.Text.Json;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Simulation;
using Reconcile.Hosting;
using Reconcile.Ingest;

namespace Reconcile.Simulation;

/// <summary>Loads a simulated world into the store through the same path as real ingest, with the simulated receive times.</summary>
public sealed class SimulationLoader(IServiceScopeFactory scopes, TimeProvider time)
{
    private const int Batch = 5000;

    public Task<SimulatedWorld> LoadAsync(int orders, double faultRate, int seed, CancellationToken cancellationToken) =>
        LoadAsync(orders, faultRate, seed, progress: null, cancellationToken);

    /// <summary>As above, reporting records stored out of every simulated record (shop, CRM and billing).</summary>
    public async Task<SimulatedWorld> LoadAsync(int orders, double faultRate, int seed, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var world = Simulator.Generate(new SimulatorOptions(orders, faultRate, seed, time.GetUtcNow()));
        await LoadReferenceAsync(world, cancellationToken);
        var (stored, total) = (0L, (long)world.Payloads.Count);
        progress?.Report(new WorkProgress(stored, total));
        // The next batch is read on the thread pool while this one is written: reading is pure work, writing waits on SQLite.
        var batches = world.Payloads.GroupBy(p => p.System).SelectMany(system => system.Chunk(Batch).Select(batch => (System: system.Key, Payloads: batch))).ToList();
        Task<PreparedBatch>? next = batches.Count > 0 ? PrepareAsync(world, batches[0]) : null;
        await using var load = await BulkLoad.BeginAsync(scopes, total, cancellationToken);
        for (var i = 0; i < batches.Count; i++)
        {
            var prepared = await next!;
            next = i + 1 < batches.Count ? PrepareAsync(world, batches[i + 1]) : null;
            var system = batches[i].System;
            await load.StoreAsync(store => store.StoreAsync(system, prepared, cancellationToken));
            stored += prepared.Count;
            progress?.Report(new WorkProgress(stored, total));
        }

        await load.CompleteAsync(cancellationToken);
        return world;
    }

    private static Task<PreparedBatch> PrepareAsync(SimulatedWorld world, (string System, SimulatedPayload[] Payloads) batch) => Task.Run(() =>
        RecordStore.Prepare([.. batch.Payloads.AsParallel().AsOrdered().Select(p => (JsonDocument.Parse(p.RawPayload).RootElement, p.ReceivedAt))],
            world.FieldMaps.GetValueOrDefault(batch.System)));

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
