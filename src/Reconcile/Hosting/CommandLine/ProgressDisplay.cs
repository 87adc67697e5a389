using Spectre.Console;

namespace Reconcile.Hosting.CommandLine;

/// <summary>
/// Shows a verb's long work on stderr (stdout stays clean for CSV and summaries): a live bar with
/// rate and remaining time when a person watches the terminal, plain lines every few seconds when
/// stderr is redirected.
/// </summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="work"/>, drawing what it reports as <paramref name="label"/> in <paramref name="unit"/>.</summary>
    public static async Task<T> RunAsync<T>(string label, string unit, Func<IProgress<WorkProgress>, Task<T>> work)
    {
        if (!Terminal.IsInteractive)
        {
            var plain = new PlainProgress(Terminal.Error, label, unit, TimeProvider.System, PlainInterval);
            var result = await work(plain);
            plain.Finish();
            return result;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Terminal.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(unit), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label, autoStart: true, maxValue: 1);
                var result = await work(new TaskProgress(task));
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
    }

    private sealed class TaskProgress(ProgressTask task) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }
}
