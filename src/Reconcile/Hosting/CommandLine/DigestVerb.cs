using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Reporting;
using Reconcile.Slack;
using Reconcile.Slack.Outbox;

namespace Reconcile.Hosting.CommandLine;

/// <summary>
/// <c>digest [--week date] [--chart file.png] [--post]</c>: prints the digest the next Monday will post
/// (figures so far), so an operator can check it first; <c>--post</c> posts it now. A posted preview does
/// not claim the week: the scheduled digest still goes out.
/// </summary>
internal static class DigestVerb
{
    public static Command Create(WebApplication app)
    {
        var week = new Option<string?>("--week") { Description = "A day (yyyy-MM-dd) of the week to report; default: the week the next scheduled digest covers." };
        var chart = new Option<FileInfo?>("--chart") { Description = "Also write the chart (PNG) to this file." };
        var post = new Option<bool>("--post") { Description = "Post it to Slack:DigestChannel now (chart in the thread)." };
        var command = new Command("digest", "Print the weekly digest; --post posts it now.") { week, chart, post };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await CommandLineSetup.PrepareAsync(app, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var query = services.GetRequiredService<DigestQuery>();
            if (WeekStart(parse.GetValue(week), query.Zone, services) is not { } monday)
            {
                Terminal.Error.WriteLine("--week must be a date, yyyy-MM-dd.");
                return 1;
            }

            var report = await query.BuildAsync(monday, cancellationToken);
            foreach (var message in DigestMessage.Build(report))
            {
                Terminal.Out.WriteLine(message.Render());
                Terminal.Out.WriteLine();
            }

            if (parse.GetValue(chart) is { } file)
            {
                await File.WriteAllBytesAsync(file.FullName, DigestChart.RenderPng(report.Daily), cancellationToken);
                Terminal.Out.WriteLine($"Chart written to {file.FullName}.");
            }

            return parse.GetValue(post) ? await PostAsync(app, services, monday, cancellationToken) : 0;
        });
        return command;
    }

    private static DateOnly? WeekStart(string? text, TimeZoneInfo zone, IServiceProvider services)
    {
        if (text is not null)
        {
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? BusinessWeek.MondayOf(day) : null;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var cron = services.GetRequiredService<IOptions<SlackOptions>>().Value.DigestSchedule;
        return DigestSchedule.WeekReportedAt(DigestSchedule.NextFireTime(cron, zone, now) ?? now, zone);
    }

    /// <summary>Queues it, then delivers its outbox rows here: a verb runs no dispatcher.</summary>
    private static async Task<int> PostAsync(WebApplication app, IServiceProvider services, DateOnly monday, CancellationToken cancellationToken)
    {
        var (outcome, postId) = await services.GetRequiredService<DigestPublisher>().PublishAsync(monday, once: false, cancellationToken);
        if (outcome != DigestOutcome.Queued)
        {
            Terminal.Error.WriteLine("Not posted: Slack:DigestChannel is not set.");
            return 1;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var delivery = scope.ServiceProvider.GetRequiredService<OutboxDelivery>();
        for (var pass = 0; pass < 600; pass++)
        {
            db.ChangeTracker.Clear();
            var rows = await db.SlackOutbox.Where(o => (o.Id == postId || o.ParentOutboxId == postId)).OrderBy(o => o.Id).ToListAsync(cancellationToken);
            if (rows.All(r => r.Status != OutboxStatus.Pending))
            {
                var failed = rows.Where(r => r.Status == OutboxStatus.Failed).ToList();
                failed.ForEach(r => Terminal.Error.WriteLine($"Outbox row {r.Id} ({r.Kind}) failed: {r.LastError}"));
                Terminal.Out.WriteLine($"Posted the digest for the week of {monday:yyyy-MM-dd}: {rows.Count - failed.Count} of {rows.Count} part(s) delivered.");
                return failed.Count == 0 ? 0 : 1;
            }

            var progressed = false;
            foreach (var row in rows.Where(r => r.Status == OutboxStatus.Pending))
            {
                progressed |= await delivery.DeliverAsync(db, row, cancellationToken);
            }

            if (!progressed)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }

        Terminal.Error.WriteLine($"The digest is queued (outbox row {postId}) but not yet delivered; the service's outbox will finish it.");
        return 1;
    }
}
