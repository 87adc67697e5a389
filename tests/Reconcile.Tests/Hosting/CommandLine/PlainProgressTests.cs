using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Reconcile.Hosting;
using Reconcile.Hosting.CommandLine;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Hosting.CommandLine;

/// <summary>Redirected output gets plain progress lines: periodic, with rate and remaining time, and a closing line.</summary>
public sealed partial class PlainProgressTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    [Fact]
    public void Lines_come_at_most_every_interval_with_rate_and_remaining_time_and_a_closing_line()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        var output = new StringWriter { NewLine = "\n" };
        var progress = new PlainProgress(output, "import", "rows", time, TimeSpan.FromSeconds(2));

        progress.Report(new WorkProgress(0, 10_000));
        time.Advance(TimeSpan.FromSeconds(2));
        progress.Report(new WorkProgress(4_000, 10_000));
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Report(new WorkProgress(6_000, 10_000));
        time.Advance(TimeSpan.FromSeconds(2));
        progress.Report(new WorkProgress(10_000, 10_000));
        progress.Finish();

        Assert.Equal(
            [
                "import: 4,000 of 10,000 rows (40%), 2,000 rows/s, about 3 s left",
                "import: 10,000 of 10,000 rows (100%), 2,000 rows/s, about 0 s left",
                "import: 10,000 of 10,000 rows done in 5 s (2,000 rows/s)",
            ],
            output.ToString().TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Simulate_with_redirected_output_prints_plain_progress_ending_with_every_record_stored()
    {
        var database = Path.Combine(_directory, "simulate.db");

        var result = await ReconcileProcess.RunAsync(_directory, new Dictionary<string, string> { ["Database__ConnectionString"] = $"Data Source={database}" },
            "simulate", "--orders", "400", "--seed", "3");

        Assert.Equal(0, result.ExitCode);
        var loaded = LoadedRecords().Match(result.Out);
        Assert.True(loaded.Success, result.Out);
        var closing = ClosingLine().Match(result.Error);
        Assert.True(closing.Success, result.Error);
        Assert.Equal(loaded.Groups["records"].Value, closing.Groups["done"].Value);
        Assert.Equal(loaded.Groups["records"].Value, closing.Groups["total"].Value);
        Assert.DoesNotContain("\u001b[", result.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Loaded 400 orders \((?<records>[\d,]+) records")]
    private static partial Regex LoadedRecords();

    [GeneratedRegex(@"simulate: (?<done>[\d,]+) of (?<total>[\d,]+) records done in [\d.]+ s \([\d,]+ records/s\)")]
    private static partial Regex ClosingLine();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestDirectory.TryDelete(_directory);
    }
}
