using System.CommandLine;
using System.Text;
using Reconcile.Reconciliation;
using Reconcile.Reporting;
using Reconcile.Topology;

namespace Reconcile.Hosting.CommandLine;

/// <summary><c>export exceptions|audit --from --to [--flow] [--out file]</c>: the monthly finance audit as RFC 4180 CSV.</summary>
internal static class ExportVerb
{
    public static Command Create(WebApplication app)
    {
        var export = new Command("export", "Write CSV for the monthly finance audit (to stdout, or --out file).");
        export.Subcommands.Add(Exceptions(app));
        export.Subcommands.Add(Audit(app));
        return export;
    }

    private static Command Exceptions(WebApplication app)
    {
        var (from, to, output) = CommonOptions();
        var flow = new Option<string?>("--flow") { Description = "Only this flow's exceptions." };
        var command = new Command("exceptions", "One row per exception raised or resolved in the period: resolution, owner, times, reason, value.")
            { from, to, flow, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(flow);
            var flows = app.Services.GetRequiredService<FlowCatalog>();
            if (name is not null && !flows.Exists(name))
            {
                Terminal.Error.WriteLine($"'{name}' is not a configured flow{TopologyOptionsValidator.Known(flows.Names)}.");
                return 1;
            }

            return await WriteAsync(app, parse, from, to, output, (csv, writer, period, progress, token) => csv.WriteExceptionsAsync(writer, period, name, progress, token), cancellationToken);
        });
        return command;
    }

    private static Command Audit(WebApplication app)
    {
        var (from, to, output) = CommonOptions();
        var command = new Command("audit", "Every audit event of the period, with its hash chain.") { from, to, output };
        command.SetAction((parse, cancellationToken) =>
            WriteAsync(app, parse, from, to, output, (csv, writer, period, progress, token) => csv.WriteAuditAsync(writer, period, progress, token), cancellationToken));
        return command;
    }

    private static (Option<string> From, Option<string> To, Option<FileInfo?> Out) CommonOptions() => (
        new Option<string>("--from") { Description = "First instant (ISO-8601 date or date-time, UTC unless an offset is given).", Required = true },
        new Option<string>("--to") { Description = "End instant, exclusive (e.g. --from 2026-11-01 --to 2026-12-01 for November).", Required = true },
        new Option<FileInfo?>("--out") { Description = "Write to this file instead of stdout." });

    private static async Task<int> WriteAsync(
        WebApplication app, ParseResult parse, Option<string> from, Option<string> to, Option<FileInfo?> output,
        Func<CsvExport, TextWriter, ReportPeriod, IProgress<WorkProgress>?, CancellationToken, Task<int>> write, CancellationToken cancellationToken)
    {
        if (!ReportPeriod.TryParse(parse.GetValue(from), parse.GetValue(to), default, default, out var period, out var error))
        {
            Terminal.Error.WriteLine(error);
            return 1;
        }

        await CommandLineSetup.PrepareAsync(app, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var csv = scope.ServiceProvider.GetRequiredService<CsvExport>();
        if (parse.GetValue(output) is not { } file)
        {
            // CSV scrolling on the screen is its own progress; a bar would only be drawn over it.
            await (Terminal.OutIsScreen
                ? write(csv, Terminal.Out, period, null, cancellationToken)
                : ProgressDisplay.RunAsync("export", "rows", progress => write(csv, Terminal.Out, period, progress, cancellationToken)));
            await Terminal.Out.FlushAsync(cancellationToken);
            return 0;
        }

        int rows;
        await using (var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            rows = await ProgressDisplay.RunAsync("export", "rows", progress => write(csv, writer, period, progress, cancellationToken));
        }

        Terminal.Error.WriteLine($"Wrote {rows} row(s) to {file.FullName}.");
        return 0;
    }
}
