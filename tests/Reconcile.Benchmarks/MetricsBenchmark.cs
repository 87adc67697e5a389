using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Reconciliation;
using Reconcile.Reporting;
using Reconcile.Slack.Commands;

namespace Reconcile.Benchmarks;

/// <summary>
/// Times what reads the figures at scale: <c>GET /api/metrics</c> (the default week, which holds every simulated order)
/// and <c>/recon status</c>'s queries (flow status and the week's figures with every drill-down), over a SQLite file
/// loaded with N simulated orders and one full run (so the week has its exceptions). A file that already holds orders
/// is reused as it is, so one load serves a before and an after.
/// </summary>
internal sealed class MetricsBenchmark(string databasePath) : WebApplicationFactory<Program>
{
    private const string Token = "metrics-benchmark-token";
    private const int Repeats = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.ConfigureAppConfiguration(config => config.AddJsonFile(SimulatedLoad.SamplePath, optional: false).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = Connection,
            ["Scheduling:Enabled"] = "false",
            ["Api:AdminToken"] = Token,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }));
    }

    private string Connection => $"Data Source={databasePath}";

    public async Task ExecuteAsync(int orders, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(databasePath))
        {
            var load = Stopwatch.StartNew();
            await SimulatedLoad.LoadAsync(Connection, orders);
            output.WriteLine(FormattableString.Invariant($"loaded {orders:N0} orders × 3 systems in {load.Elapsed.TotalSeconds:F1} s"));
        }

        var start = Stopwatch.StartNew();
        using var client = CreateClient();
        output.WriteLine(FormattableString.Invariant($"service started (migrations and backfills) in {start.Elapsed.TotalSeconds:F1} s"));
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            if (!await db.Runs.AnyAsync())
            {
                var run = Stopwatch.StartNew();
                await scope.ServiceProvider.GetRequiredService<ReconciliationRunner>().RunAsync("promo-to-billing", full: true, "benchmark", CancellationToken.None);
                output.WriteLine(FormattableString.Invariant($"full run (so the week has its exceptions) in {run.Elapsed.TotalSeconds:F1} s"));
            }

            output.WriteLine(FormattableString.Invariant(
                $"stored: {await db.Records.CountAsync():N0} records, {await db.Exceptions.CountAsync():N0} exceptions; load average {LoadAverage()}"));
        }

        // The first run queued a post per exception; their delivery (to the log, Slack not being connected) is not the figures' cost.
        await OutboxQuiet.WaitAsync(Services, output);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var metrics = new List<double>();
        var status = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri("/api/metrics", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            metrics.Add(watch.Elapsed.TotalSeconds);
            response.EnsureSuccessStatusCode();
            if (i == 0)
            {
                output.WriteLine($"GET /api/metrics: {Lags(body)}");
            }

            watch.Restart();
            // As the status follow-up reads them: the flows' status, then the week's figures.
            await StatusReport.ReadAsync(Services.GetRequiredService<IServiceScopeFactory>(), null, TimeProvider.System.GetUtcNow(), CancellationToken.None);
            status.Add(watch.Elapsed.TotalSeconds);
        }

        output.WriteLine(FormattableString.Invariant(
            $"summary: metrics orders={orders} api_metrics_s={string.Join('/', metrics.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} recon_status_s={string.Join('/', status.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} load_average={LoadAverage()}"));
    }

    /// <summary>The overall lag figures of the answer, to see that before and after agree.</summary>
    private static string Lags(string body)
    {
        var overall = JsonDocument.Parse(body).RootElement.GetProperty("overall");
        return string.Join(' ', new[] { "ordersConfirmed", "ordersUnconfirmed", "lagP50Hours", "lagP95Hours", "exceptionsRaised", "openExceptions", "valueAtRisk" }
            .Select(name => $"{name}={overall.GetProperty(name).GetRawText()}"));
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
