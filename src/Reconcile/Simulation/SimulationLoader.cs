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
        foreach (var system in world.Payloads.GroupBy(p => p.System))
        {
            foreach (var batch in system.Chunk(Batch))
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<RecordStore>();
                var payloads = batch.AsParallel().AsOrdered().Select(p => (JsonDocument.Parse(p.RawPayload).RootElement, p.ReceivedAt)).ToList();
                await store.StoreAsync(system.Key, payloads, world.FieldMaps.GetValueOrDefault(system.Key), cancellationToken);
                stored += batch.Length;
                progress?.Report(new WorkProgress(stored, total));
            }
        }

        return world;
    }

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
