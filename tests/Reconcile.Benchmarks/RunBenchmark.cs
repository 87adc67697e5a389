using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Ingest;
using Reconcile.Reconciliation;

namespace Reconcile.Benchmarks;

/// <summary>
/// Loads N simulated orders × 3 systems (5% faults) into a fresh SQLite file through the product's own
/// ingest path, then times a full run (cold and warm), an incremental run after a batch of changes and a plain
/// SQL diff of the same stored data, and ends with one <c>summary:</c> line of plain invariant numbers.
/// Given a <paramref name="database"/> file that exists, the load is skipped (<c>load_s=0</c>) and the runs use that
/// file as it is, changes included: a 1M file loads once and serves several measurements.
/// </summary>
internal sealed class RunBenchmark(int orders, int changes, string database) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        // The promo-to-billing flow lives in the example topology, not in appsettings.json.
        builder.ConfigureAppConfiguration(config => config.AddJsonFile(SimulatedLoad.SamplePath, optional: false).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = DatabaseConnection,
            ["Scheduling:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Reconcile.Reconciliation.ReconciliationRunner"] = "Information",
        }));
    }

    /// <summary>
    /// On a file that already holds a completed run: <paramref name="repeats"/> times, change <c>changes</c> orders and
    /// time the incremental run that follows, ending with <c>summary: incremental … incremental_s=a/b/c</c>.
    /// </summary>
    public async Task IncrementalOnlyAsync(TextWriter output, int repeats)
    {
        ArgumentNullException.ThrowIfNull(output);
        var runner = Services.GetRequiredService<ReconciliationRunner>();
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            await ChangeOrdersAsync();
            await OutboxQuiet.WaitAsync(Services, output);
            var incremental = await Measure(() => runner.RunAsync("promo-to-billing", full: false, "benchmark", CancellationToken.None));
            Report(output, FormattableString.Invariant($"incremental run after {changes:N0} changes"), incremental);
            times.Add(incremental.Elapsed.TotalSeconds);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary: incremental orders={orders} changes={changes} incremental_s={string.Join('/', times.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} load_average={LoadAverage()}"));
    }

    public async Task ExecuteAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var load = new Stopwatch();
        if (File.Exists(database))
        {
            output.WriteLine($"reusing {database} as it is (no load)");
        }
        else
        {
            load.Start();
            await SimulatedLoad.LoadAsync(DatabaseConnection, orders);
            load.Stop();
            output.WriteLine(FormattableString.Invariant($"loaded {orders:N0} orders × 3 systems with the simulate verb in {load.Elapsed.TotalSeconds:F1} s"));
        }

        var runner = Services.GetRequiredService<ReconciliationRunner>();
        var full = await Measure(() => runner.RunAsync("promo-to-billing", full: true, "benchmark", CancellationToken.None));
        Report(output, "full run (cold: first run after start)", full);
        await OutboxQuiet.WaitAsync(Services, output);
        var warm = await Measure(() => runner.RunAsync("promo-to-billing", full: true, "benchmark", CancellationToken.None));
        Report(output, "full run (warm)", warm);

        await ChangeOrdersAsync();
        await OutboxQuiet.WaitAsync(Services, output);
        var incremental = await Measure(() => runner.RunAsync("promo-to-billing", full: false, "benchmark", CancellationToken.None));
        Report(output, FormattableString.Invariant($"incremental run after {changes:N0} changes"), incremental);

        output.WriteLine(FormattableString.Invariant($"machine load average before the SQL diff: {LoadAverage()}"));
        var diff = SqlDiff.Measure(DatabaseConnection);
        output.WriteLine(FormattableString.Invariant($"plain SQL diff (missing, orphans, five columns): {diff.Rows:N0} rows in {diff.Seconds:F2} s"));
        var peak = Math.Max(full.PeakBytes, Math.Max(warm.PeakBytes, incremental.PeakBytes)) / 1048576;
        output.WriteLine(FormattableString.Invariant(
            $"summary: orders={orders} load_s={load.Elapsed.TotalSeconds:F2} full_cold_s={full.Elapsed.TotalSeconds:F2} full_warm_s={warm.Elapsed.TotalSeconds:F2} incremental_s={incremental.Elapsed.TotalSeconds:F2} peak_mib={peak} sql_diff_s={diff.Seconds:F2}"));
    }

    /// <summary>The 1-minute load average on Linux (other work on a shared machine slows every figure); "n/a" elsewhere.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private string DatabaseConnection => $"Data Source={database}";

    /// <summary>
    /// Orders change as they do in life: a status update made 20 minutes ago (its updatedAt) that reaches every
    /// system now, so the incremental run compares exactly the changed orders: they arrived after the last run,
    /// and by their own time they are past the 15-minute lag window.
    /// </summary>
    private async Task ChangeOrdersAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var changedAt = TimeProvider.System.GetUtcNow().AddMinutes(-20);
        var orderIds = await db.Records.AsNoTracking().Where(r => r.System == "shop" && !r.Quarantined)
            .OrderBy(r => r.Id).Select(r => r.OrderId).Take(changes).ToListAsync();
        foreach (var system in new[] { "shop", "crm", "billing" })
        {
            var rows = new List<RecordEntity>();
            foreach (var chunk in orderIds.Chunk(500))
            {
                rows.AddRange(await db.Records.AsNoTracking().Where(r => r.System == system && !r.Quarantined && chunk.Contains(r.OrderId)).ToListAsync());
            }

            var payloads = rows.Select(r => Changed(r.Payload!, changedAt)).ToList();
            await scope.ServiceProvider.GetRequiredService<RecordStore>().StoreAsync(system, payloads, null, CancellationToken.None);
        }
    }

    private static JsonElement Changed(string payload, DateTimeOffset changedAt)
    {
        var json = JsonNode.Parse(payload)!.AsObject();
        json["status"] = "refunded";
        json["updatedAt"] = changedAt.ToString("O", CultureInfo.InvariantCulture);
        return JsonDocument.Parse(json.ToJsonString()).RootElement;
    }

    private static async Task<Measured> Measure(Func<Task<RunEntity?>> run)
    {
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        // CPU time used by this process: on a machine shared with other work it says what the run cost, whatever the wait.
        var cpu = process.TotalProcessorTime;
        var kernel = process.PrivilegedProcessorTime;
        // Compiling methods (first run) against reusing them (later runs): a cold run's extra CPU is or is not the JIT.
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        // Time the collector held every thread still: at 1M orders it was a third of a run before ranges became small.
        var paused = GC.GetTotalPauseDuration();
        var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(25);
            }
        });
        var watch = Stopwatch.StartNew();
        var result = await run() ?? throw new InvalidOperationException("the flow was already running");
        watch.Stop();
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();
        var counts = string.Join('/', Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collections[g]));
        var compiled = new Compiled(System.Runtime.JitInfo.GetCompilationTime() - jit, System.Runtime.JitInfo.GetCompiledMethodCount() - jitted);
        return new Measured(result, watch.Elapsed, peak, process.TotalProcessorTime - cpu, process.PrivilegedProcessorTime - kernel, GC.GetTotalPauseDuration() - paused, counts, compiled);
    }

    private static void Report(TextWriter output, string name, Measured m) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {m.Run.Status}, {m.Run.OrdersExamined:N0} orders compared ({m.Run.OrdersPending:N0} pending) in {m.Elapsed.TotalSeconds:F2} s = {m.Run.OrdersExamined / Math.Max(m.Elapsed.TotalSeconds, 0.001):N0} orders/s, peak working set {m.PeakBytes / 1048576.0:N0} MiB, CPU {m.Cpu.TotalSeconds:F2} s (kernel {m.KernelCpu.TotalSeconds:F2} s, JIT {m.Jit.Time.TotalSeconds:F2} s for {m.Jit.Methods:N0} methods), GC pauses {m.GcPause.TotalSeconds:F2} s (collections gen0/1/2 {m.Collections}), exceptions opened {m.Run.ExceptionsOpened:N0}"));

    /// <summary>One measured run: wall time, peak working set, CPU time (all, and in the kernel), the collector's pauses and collection counts, and the JIT's work.</summary>
    private sealed record Measured(RunEntity Run, TimeSpan Elapsed, long PeakBytes, TimeSpan Cpu, TimeSpan KernelCpu, TimeSpan GcPause, string Collections, Compiled Jit);

    /// <summary>Time the JIT spent compiling during a run, and how many methods it compiled.</summary>
    private sealed record Compiled(TimeSpan Time, long Methods);
}
