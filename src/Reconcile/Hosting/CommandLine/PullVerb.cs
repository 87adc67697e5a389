using System.CommandLine;
using Microsoft.Extensions.Options;
using Reconcile.Data.Entities;
using Reconcile.Ingest.Pull;
using Reconcile.Topology;

namespace Reconcile.Hosting.CommandLine;

/// <summary><c>pull &lt;system&gt;</c>: pulls the system's changes now, drawing pages read, and prints what the pull stored.</summary>
internal static class PullVerb
{
    public static Command Create(WebApplication app)
    {
        var system = new Argument<string>("system") { Description = "The system to pull from (a key under Systems with a Connector:Pull)." };
        var command = new Command("pull", "Pull a system's changed records from its API now (Connector:Pull) and print what was stored.") { system };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await CommandLineSetup.PrepareAsync(app, cancellationToken);
            var name = parse.GetValue(system)!;
            var topology = app.Services.GetRequiredService<IOptionsMonitor<TopologyOptions>>().CurrentValue;
            if (!topology.Systems.ContainsKey(name))
            {
                Terminal.Error.WriteLine($"'{name}' is not a configured system{TopologyOptionsValidator.Known(topology.Systems.Keys)}.");
                return 1;
            }

            if (PullRunner.NotPullable(topology, name) is { } problem)
            {
                Terminal.Error.WriteLine(problem);
                return 1;
            }

            var runner = app.Services.GetRequiredService<PullRunner>();
            var pull = await ProgressDisplay.RunAsync($"pull {name}", "pages", progress => runner.RunAsync(name, PullTrigger.Cli, progress, cancellationToken));
            if (pull is null)
            {
                Terminal.Error.WriteLine($"A pull of '{name}' is already in progress.");
                return 1;
            }

            Terminal.Out.WriteLine(Describe(pull));
            return pull.Status == PullStatus.Completed ? 0 : 1;
        });
        return command;
    }

    /// <summary>"Pull 3 of billing completed: 4 pages; 310 stored, 12 unchanged, 1 quarantined; watermark 2026-11-20 10:00:00Z."</summary>
    public static string Describe(PullEntity pull)
    {
        var outcome = pull.Errors is null ? pull.Status : $"{pull.Status} ({pull.Errors})";
        var watermark = pull.WatermarkAfter is { } after ? FormattableString.Invariant($"{after:u}") : "none yet";
        return FormattableString.Invariant(
            $"Pull {pull.Id} of {pull.System} {outcome}: {pull.Pages} pages; {pull.RecordsStored:N0} stored, {pull.RecordsUnchanged:N0} unchanged, {pull.RecordsQuarantined:N0} quarantined; watermark {watermark}.");
    }
}
