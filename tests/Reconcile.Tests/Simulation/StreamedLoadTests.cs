using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Engine.Simulation;
using Reconcile.Ingest;
using Reconcile.Simulation;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Simulation;

/// <summary>
/// The simulator's load generates the world as it stores it, batch by batch of orders: what it stores is exactly what
/// storing the whole generated world, system by system, stores, and the world it returns is that world.
/// </summary>
public sealed class StreamedLoadTests
{
    [Fact]
    public async Task A_streamed_load_across_batches_stores_what_the_whole_world_stored_system_by_system_stores()
    {
        const int orders = SimulationLoader.OrdersPerBatch + 300;
        using var streamed = new ReconcileFactory();
        using var whole = new ReconcileFactory();

        var world = await streamed.Services.GetRequiredService<SimulationLoader>().LoadAsync(orders, 0.2, 17, CancellationToken.None);
        var generated = Simulator.Generate(new SimulatorOptions(orders, 0.2, 17, streamed.Time.GetUtcNow()));
        await StoreSystemBySystemAsync(whole, generated);

        Assert.Equal(generated.Payloads.Count, world.Payloads.Count);
        Assert.Equal(generated.Payloads.Select(p => p.RawPayload), world.Payloads.Select(p => p.RawPayload));
        Assert.Equal(generated.Faults.Select(f => (f.OrderId, f.Kind)), world.Faults.Select(f => (f.OrderId, f.Kind)));
        var stored = await RecordsAsync(streamed);
        Assert.True(stored.Count > 3 * SimulationLoader.OrdersPerBatch);
        Assert.Equal(await RecordsAsync(whole), stored);
    }

    private static async Task StoreSystemBySystemAsync(ReconcileFactory factory, SimulatedWorld world)
    {
        foreach (var system in world.Payloads.GroupBy(p => p.System))
        {
            foreach (var batch in system.Chunk(SimulationLoader.OrdersPerBatch))
            {
                using var scope = factory.Services.CreateScope();
                var payloads = batch.Select(p => (JsonDocument.Parse(p.RawPayload).RootElement, p.ReceivedAt)).ToList();
                await scope.ServiceProvider.GetRequiredService<RecordStore>().StoreAsync(system.Key, payloads, world.FieldMaps.GetValueOrDefault(system.Key), CancellationToken.None);
            }
        }
    }

    private static Task<List<string>> RecordsAsync(ReconcileFactory factory) => factory.QueryAsync(async db =>
        (await db.Records.AsNoTracking()
            .Select(r => new { r.System, r.OrderId, r.ExternalId, r.Copy, r.Version, r.Quarantined, r.ReceivedAt, r.Payload, r.RawPayload, r.Total })
            .ToListAsync())
        .Select(r => $"{r.System}|{r.OrderId}|{r.ExternalId}|{r.Copy}|{r.Version}|{r.Quarantined}|{r.ReceivedAt:O}|{r.Total}|{r.Payload}|{r.RawPayload}")
        .Order(StringComparer.Ordinal).ToList());
}
