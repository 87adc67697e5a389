using System.CommandLine;
using Reconcile.Data.Entities;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Hosting.CommandLine;

internal static class RunVerb
{
    public static Command Create(WebApplication app)
    {
        var flow = new Argument<string>("flow") { Description = "The flow to run (a key under Flows)." };
        var full = new Option<bool>("--full") { Description = "Examine every order, not only those changed since the last run." };
        var command = new Command("run", "Run one flow now and print what it found.") { flow, full };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await CommandLineSetup.PrepareAsync(app, cancellationToken);
            var name = parse.GetValue(flow)!;
            var flows = app.Services.GetRequiredService<FlowCatalog>();
            if (!flows.Exists(name))
            {
                Terminal.Error.WriteLine($"'{name}' is not a configured flow{TopologyOptionsValidator.Known(flows.Names)}.");
                return 1;
            }

            var runner = app.Services.GetRequiredService<ReconciliationRunner>();
            var run = await ProgressDisplay.RunAsync($"run {name}", "orders", progress => runner.RunAsync(name, parse.GetValue(full), "cli", progress, cancellationToken));
            if (run is null)
            {
                Terminal.Error.WriteLine($"A run of '{name}' is already in progress.");
                return 1;
            }

            Terminal.Out.WriteLine(Describe(run));
            return run.Status == RunStatus.Completed ? 0 : 1;
        });
        return command;
    }

    public static string Describe(RunEntity run)
    {
        var view = RunView.From(run);
        var types = view.FindingsByType.Count == 0 ? "none" : string.Join(", ", view.FindingsByType.Select(t => $"{t.Key} {t.Value}"));
        var outcome = run.Error is null ? run.Status : $"{run.Status} ({run.Error})";
        var summary = FormattableString.Invariant(
            $"Run {run.Id} of {run.Flow} {outcome}: {run.OrdersExamined:N0} orders examined, {run.OrdersMatched:N0} matched ({view.MatchRate:P1}); findings: {types}; exceptions opened {run.ExceptionsOpened}, updated {run.ExceptionsUpdated}, auto-resolved {run.ExceptionsAutoResolved}");
        return run.CircuitBreakerTripped ? summary + "; CIRCUIT BREAKER TRIPPED: one alert posted instead of every exception." : summary + ".";
    }
}
