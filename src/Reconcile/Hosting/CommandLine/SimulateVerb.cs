using System.CommandLine;
using System.Globalization;
using Reconcile.Simulation;

namespace Reconcile.Hosting.CommandLine;

internal static class SimulateVerb
{
    public static Command Create(WebApplication app)
    {
        var orders = new Option<int>("--orders") { Description = "How many shop orders to generate.", DefaultValueFactory = _ => 1000 };
        var faultRate = new Option<double>("--fault-rate") { Description = "Share of orders with an injected fault (0–1).", DefaultValueFactory = _ => 0.05 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same world.", DefaultValueFactory = _ => 1 };
        var command = new Command("simulate", "Load simulated shop, CRM and billing records (with injected faults) into the store.") { orders, faultRate, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(orders);
            var rate = parse.GetValue(faultRate);
            if (count < 1 || rate is < 0 or > 1)
            {
                Terminal.Error.WriteLine("--orders must be at least 1 and --fault-rate between 0 and 1.");
                return 1;
            }

            await CommandLineSetup.PrepareAsync(app, cancellationToken);
            var loader = app.Services.GetRequiredService<SimulationLoader>();
            var world = await ProgressDisplay.RunAsync("simulate", "records",
                progress => loader.LoadAsync(count, rate, parse.GetValue(seed), progress, cancellationToken));
            Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Loaded {count:N0} orders ({world.Payloads.Count:N0} records across shop, crm and billing) with {world.Faults.Count:N0} injected fault(s):"));
            foreach (var group in world.Faults.GroupBy(f => f.Kind).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal))
            {
                Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key,-22} {group.Count(),6}"));
            }

            return 0;
        });
        return command;
    }
}
