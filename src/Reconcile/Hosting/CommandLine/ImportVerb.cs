using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Reconcile.Ingest;
using Reconcile.Ingest.Mapping;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Hosting.CommandLine;

internal static class ImportVerb
{
    private const int Batch = 2000;

    public static Command Create(WebApplication app)
    {
        var system = new Argument<string>("system") { Description = "The system the file comes from (a key under Systems)." };
        var file = new Argument<FileInfo>("file.csv") { Description = "CSV with a header row of field names (the system's own names are mapped)." };
        var command = new Command("import", "Import a system's records from CSV through the normal ingest path (invalid rows are quarantined).") { system, file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await CommandLineSetup.PrepareAsync(app, cancellationToken);
            var name = parse.GetValue(system)!;
            var path = parse.GetValue(file)!;
            var systems = app.Services.GetRequiredService<IOptions<TopologyOptions>>().Value.Systems;
            if (!systems.TryGetValue(name, out var options))
            {
                Terminal.Error.WriteLine($"'{name}' is not a configured system{TopologyOptionsValidator.Known(systems.Keys)}.");
                return 1;
            }

            if (!path.Exists)
            {
                Terminal.Error.WriteLine($"{path.FullName} does not exist.");
                return 1;
            }

            var (accepted, quarantined, offset, errors) = await ProgressDisplay.RunAsync("import", "rows",
                progress => ImportAsync(app, name, options, path, progress, cancellationToken));
            foreach (var error in errors)
            {
                Terminal.Error.WriteLine(error);
            }

            Terminal.Out.WriteLine($"Imported {offset} row(s) into {name}: {accepted} accepted, {quarantined} quarantined.");
            return 0;
        });
        return command;
    }

    private static async Task<(int Accepted, int Quarantined, int Rows, List<string> Errors)> ImportAsync(
        WebApplication app, string name, SystemOptions options, FileInfo path, IProgress<WorkProgress> progress, CancellationToken cancellationToken)
    {
        // A first pass counts the rows so the progress has a total; parsing is cheap next to storing.
        long total;
        using (var counting = path.OpenText())
        {
            total = CsvRecordReader.Read(counting).LongCount();
        }

        using var reader = path.OpenText();
        var mapping = app.Services.GetRequiredService<SystemMappings>().For(name);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var (accepted, quarantined, offset) = (0, 0, 0);
        // Row errors are printed after the bar, which would otherwise draw over them.
        var errors = new List<string>();
        progress.Report(new WorkProgress(0, total));
        await using var load = await BulkLoad.BeginAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), total, cancellationToken);
        foreach (var batch in CsvRecordReader.Read(reader).Chunk(Batch))
        {
            // A system with a mapping reads its own export's columns through it; others use the canonical names.
            var result = await load.StoreAsync(store => mapping is null
                ? store.StoreAsync(name, [.. batch.Select(r => JsonSerializer.SerializeToElement(r))], options.FieldMap, cancellationToken)
                : store.StoreAsync(name, [.. batch.Select(r => (JsonSerializer.SerializeToElement(CsvRowShaper.Shape(r, options.CsvColumns)), now))], mapping.Parse, cancellationToken));
            accepted += result.Accepted;
            quarantined += result.Quarantined;
            errors.AddRange(result.Errors.Take(20).Select(error => $"  row {offset + error.Index + 2}: {error.Field}: {error.Message}"));
            offset += batch.Length;
            progress.Report(new WorkProgress(offset, total));
        }

        await load.CompleteAsync(cancellationToken);
        return (accepted, quarantined, offset, errors);
    }
}
