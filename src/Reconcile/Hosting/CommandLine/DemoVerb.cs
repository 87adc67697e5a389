using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reconcile.Auditing;
using Reconcile.Data;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Simulation;
using Reconcile.Reconciliation;
using Reconcile.Simulation;
using Reconcile.Slack.Blocks;

namespace Reconcile.Hosting.CommandLine;

/// <summary>The walk-through: a fresh embedded database, simulated systems with injected faults, a run, and what it found.</summary>
internal static class DemoVerb
{
    public const string DatabasePath = "data/demo.db";
    private const string Flow = "promo-to-billing";
    private static readonly string[] DatabaseFiles = [DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm"];

    public static void Configure(IHostApplicationBuilder builder)
    {
        // The demo runs the example topology (the promo-to-billing flow and its owners).
        builder.AddSampleConfiguration();

        // The shop and billing speak their own shapes through the documented example mappings (step 8).
        foreach (var example in new[] { "shop-shopify.json", "billing-stripe.json" })
        {
            builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "examples", "systems", example), optional: false);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseOptions.Sqlite,
            ["Database:ConnectionString"] = $"Data Source={DatabasePath}",
            ["Systems:shop:Webhook:Secret"] = "demo-shop-webhook-secret",
            ["Systems:billing:Webhook:Secret"] = "demo-billing-webhook-secret",
        });
    }

    public static Command Create(WebApplication app)
    {
        var orders = new Option<int>("--orders") { Description = "How many shop orders to simulate.", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Random seed for the simulated systems.", DefaultValueFactory = _ => 42 };
        var command = new Command("demo", $"Walk through Reconcile on a fresh embedded database ({DatabasePath}).") { orders, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DeleteDemoDatabase();
            await CommandLineSetup.PrepareAsync(app, cancellationToken);
            var output = Terminal.Out;
            output.WriteLine($"Reconcile demo — database {Path.GetFullPath(DatabasePath)}");
            output.WriteLine();

            var count = parse.GetValue(orders);
            output.WriteLine(FormattableString.Invariant($"1. Simulating {count:N0} shop orders with their CRM and billing copies; 5% carry an injected fault…"));
            var world = await app.Services.GetRequiredService<SimulationLoader>().LoadAsync(count, 0.05, parse.GetValue(seed), cancellationToken);
            foreach (var group in world.Faults.GroupBy(f => f.Kind).OrderByDescending(g => g.Count()))
            {
                output.WriteLine(FormattableString.Invariant($"     {group.Key,-20} {group.Count(),5}"));
            }

            output.WriteLine();
            output.WriteLine($"2. Running the flow '{Flow}' (shop → crm, billing)…");
            var run = await app.Services.GetRequiredService<ReconciliationRunner>().RunAsync(Flow, full: true, "demo", cancellationToken)
                ?? throw new InvalidOperationException("the demo flow was already running");
            output.WriteLine("   " + RunVerb.Describe(run));
            output.WriteLine();

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            var exceptions = await db.Exceptions.AsNoTracking().Where(e => e.RunId == run.Id).ToListAsync(cancellationToken);
            Score(output, world, exceptions.Select(e => (e.OrderId, e.Type, e.System)).ToList());
            Owners(output, exceptions);
            Example(output, exceptions);

            await DemoDecisions.ShowAsync(app, output, exceptions, cancellationToken);
            var verified = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
            output.WriteLine(FormattableString.Invariant($"7. Audit trail: {verified.Checked:N0} hash-chained event(s), chain {(verified.Intact ? "intact" : "BROKEN")} (check any time with `audit verify`)."));
            output.WriteLine();
            await DemoWebhooks.ShowAsync(app, output, world, cancellationToken);
            output.WriteLine("Next: serve it (`dotnet run --project src/Reconcile`), point Slack at /slack/commands and /slack/interactions (see README),");
            output.WriteLine("and owners resolve these exceptions with Approve, Replay and Escalate from their channels.");
            return 0;
        });
        return command;
    }

    private static void Score(TextWriter output, SimulatedWorld world, List<(string OrderId, string Type, string System)> found)
    {
        var expected = world.ExpectedFindings.Select(f => (f.OrderId, f.Type, f.System)).ToHashSet();
        var hits = found.Count(expected.Contains);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"3. Against the simulator's ground truth: {hits} of {expected.Count} injected problems found (recall {Ratio(hits, expected.Count):P1}), {found.Count - hits} exception(s) without a fault (precision {Ratio(hits, found.Count):P1})."));
        output.WriteLine();
    }

    private static void Owners(TextWriter output, List<Data.Entities.ExceptionEntity> exceptions)
    {
        output.WriteLine("4. Open exceptions by owner and type (what `/recon status` shows in Slack):");
        foreach (var owner in exceptions.GroupBy(e => e.Owner).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var types = string.Join(", ", owner.GroupBy(e => e.Type).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"     {owner.Key,-14} {owner.Count(),4}  ({types}); value at risk {owner.Sum(e => e.ValueAtRisk):N2}"));
        }

        output.WriteLine();
    }

    private static void Example(TextWriter output, List<Data.Entities.ExceptionEntity> exceptions)
    {
        var example = exceptions.Where(e => e.Type == FindingType.FieldMismatch).OrderByDescending(e => e.ValueAtRisk).FirstOrDefault() ?? exceptions.FirstOrDefault();
        if (example is null)
        {
            return;
        }

        output.WriteLine($"5. What the owner sees in Slack for exception {example.Id} (posted to their channel with Approve / Replay / Escalate):");
        foreach (var line in ExceptionMessage.Build(example, example.Owner).Render().Split('\n').Take(24))
        {
            output.WriteLine("   │ " + line);
        }

        output.WriteLine();
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    private static void DeleteDemoDatabase()
    {
        foreach (var file in DatabaseFiles.Where(File.Exists))
        {
            File.Delete(file);
        }
    }
}
