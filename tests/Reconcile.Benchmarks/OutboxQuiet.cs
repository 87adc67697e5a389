using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Benchmarks;

/// <summary>Lets the Slack outbox of a run that opened thousands of exceptions drain before anything is timed.</summary>
internal static class OutboxQuiet
{
    /// <summary>
    /// Waits (up to two minutes) until the Slack outbox has no pending row: a run that opened thousands of exceptions
    /// queued a post for each, and their delivery (rendered to the log here, Slack not being connected) would
    /// otherwise run beside the next run and be timed, and its CPU counted, as part of it.
    /// </summary>
    public static async Task WaitAsync(IServiceProvider services, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        while (watch.Elapsed < TimeSpan.FromMinutes(2) && await db.SlackOutbox.AnyAsync(o => o.Status == OutboxStatus.Pending))
        {
            await Task.Delay(250);
        }

        output.WriteLine(FormattableString.Invariant($"waited {watch.Elapsed.TotalSeconds:F1} s for the Slack outbox to drain"));
    }
}
