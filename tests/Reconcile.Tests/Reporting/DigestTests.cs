using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Quartz;
using Reconcile.Auditing;
using Reconcile.Data;
using Reconcile.Reporting;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Reporting;

/// <summary>
/// The Monday digest through the real host and a fake Slack. The host's clock starts on Monday 2026-11-23
/// 10:00 New York, an hour after the 09:00 digest was due: a service that was down over it posts it at start.
/// </summary>
public sealed class DigestTests : IAsyncLifetime
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _directory = TestDirectory.Create();
    private FakeSlackApi _slack = null!;
    private FakeUploadTarget _uploads = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _uploads = await FakeUploadTarget.StartAsync();
        _uploads.ScriptUploadUrls(_slack, 5);
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _uploads.DisposeAsync();
        TestDirectory.TryDelete(_directory);
    }

    [Fact]
    public async Task A_missed_digest_is_posted_once_at_start_with_its_chart_in_the_thread_and_not_again_on_the_next_start()
    {
        using (var before = Host(scheduling: false))
        {
            await FiguresDataSet.SeedAsync(before); // the week's data, written while the digest was not yet due
        }

        using (var restarted = Host(scheduling: true))
        {
            _ = restarted.Services;
            var post = Assert.Single(await _slack.WaitForAsync("chat.postMessage", 1));
            var complete = await WaitForCallAsync("files.completeUploadExternal", 1);

            Assert.Equal("C0DIGEST", post.Text("channel"));
            var text = BlockText(post);
            Assert.Contains("Reconcile weekly digest · 2026-11-16 to 2026-11-22", text, StringComparison.Ordinal);
            // Weeks run Monday to Monday in New York, so the run and the two exceptions of Sunday 15 November (UTC) are last week's.
            Assert.Contains("*Match rate:* 97.0% ▲ (last week 0.0%)", text, StringComparison.Ordinal);
            Assert.Contains("*Exceptions raised:* 7 ▲ (last week 2)", text, StringComparison.Ordinal);
            Assert.Contains("*Manual corrections (3)*", text, StringComparison.Ordinal);
            Assert.Contains("<@U0CRM1> approved order *A1* (field_mismatch, promo-to-billing) 4.0 h after it was raised — _Promo re-tagged by hand", text, StringComparison.Ordinal);
            Assert.Contains("*Recurring exceptions (1)*", text, StringComparison.Ordinal);
            // Open now (15:00Z on the 23rd) and past SLA: E3, E5 and E7.
            Assert.Contains("*Exceptions older than SLA (3)*", text, StringComparison.Ordinal);
            // The week's largest source order is A4 (300), missing nowhere; A3 never reached billing.
            Assert.Contains("*A4* 300.00 USD — shop: paid · crm: paid · billing: paid · open: missing_in_target (crm)", text, StringComparison.Ordinal);
            Assert.Contains("*A3* 200.00 USD — shop: paid · crm: paid · billing: missing", text, StringComparison.Ordinal);
            Assert.True(post.Body["blocks"]!.AsArray().Count <= 50);

            var ticket = Assert.Single(_slack.Calls("files.getUploadURLExternal"));
            Assert.Equal("reconcile-digest.png", ticket.Text("filename"));
            var upload = Assert.Single(_uploads.Uploads);
            Assert.Equal(ticket.Text("length"), upload.Bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(PngSignature, upload.Bytes[..8]);
            Assert.Null(upload.Authorization); // the pre-signed URL never sees the bot token
            Assert.Equal(("C0DIGEST", post.AnsweredTs), (complete[0].Text("channel_id"), complete[0].Text("thread_ts")));
            Assert.Equal("F1", JsonNode.Parse(complete[0].Text("files")!)![0]!["id"]!.ToString());

            var digests = await QueryAsync(restarted, db => db.Digests.ToListAsync());
            Assert.Equal(new DateOnly(2026, 11, 16), Assert.Single(digests).WeekStart);
        }

        using (var again = Host(scheduling: true))
        {
            _ = again.Services;
            await Task.Delay(1500);
            await RunDigestJobAsync(again); // Monday's trigger firing late for the same week changes nothing either
            await Task.Delay(500);
            Assert.Single(_slack.Calls("chat.postMessage"), c => c.Text("channel") == "C0DIGEST");
            Assert.Empty(await QueryAsync(again, db => db.Runs.Where(r => r.TriggeredBy == "schedule").ToListAsync()));
            Assert.Single(_slack.Calls("files.completeUploadExternal"));
            Assert.Single(await QueryAsync(again, db => db.Digests.ToListAsync()));
        }
    }

    [Fact]
    public async Task The_digest_job_posts_the_week_just_ended_with_corrections_from_the_audit_trail()
    {
        using var host = Host(scheduling: true);
        _ = host.Services;
        await _slack.WaitForAsync("chat.postMessage", 1); // the catch-up of the week of 16 November
        await WaitForCallAsync("files.completeUploadExternal", 1);
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            var overdue = FiguresDataSet.Exception("X1", "field_mismatch", new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), 75m,
                new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
            var fixedByHand = FiguresDataSet.Exception("X2", "missing_in_target", new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), 20m,
                new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), resolvedAt: new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero), resolution: "approved");
            db.Exceptions.AddRange(overdue, fixedByHand);
            await db.SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<AuditLog>().Record(db, fixedByHand.Id, "U0FIN1", "approved", "open", "resolved", "Invoice <re-issued> & sent").At =
                new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero);
            await db.SaveChangesAsync();
        }

        host.Time.Advance(TimeSpan.FromDays(7)); // Monday 30 November, 10:00 New York
        await RunDigestJobAsync(host);

        var post = (await _slack.WaitForAsync("chat.postMessage", 2))[1];
        var complete = await WaitForCallAsync("files.completeUploadExternal", 2);
        var text = BlockText(post);
        Assert.Contains("Reconcile weekly digest · 2026-11-23 to 2026-11-29", text, StringComparison.Ordinal);
        Assert.Contains("*Exceptions raised:* 2 ▲ (last week 0)", text, StringComparison.Ordinal);
        Assert.Contains("*Exceptions older than SLA (1)*", text, StringComparison.Ordinal);
        Assert.Contains("*X1* · field_mismatch in crm · promo-to-billing · owner crm-owner", text, StringComparison.Ordinal);
        Assert.Contains("<@U0FIN1> approved order *X2* (missing_in_target, promo-to-billing) 6.0 h after it was raised — _Invoice &lt;re-issued&gt; &amp; sent_", text, StringComparison.Ordinal);
        Assert.Equal(post.AnsweredTs, complete[1].Text("thread_ts"));
        Assert.Equal(
            [new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23)],
            await QueryAsync(host, db => db.Digests.OrderBy(d => d.WeekStart).Select(d => d.WeekStart).ToListAsync()));
    }

    private ReconcileFactory Host(bool scheduling)
    {
        var settings = FiguresDataSet.Settings();
        settings["Database:ConnectionString"] = $"Data Source={Path.Combine(_directory, "digest.db")}";
        settings["Scheduling:Enabled"] = scheduling ? "true" : "false";
        settings["Slack:DigestChannel"] = "C0DIGEST";
        var host = SlackTestHost.Create(_slack, settings);
        // Quartz reads the host's (fake) clock: 15:00:00 is a flow run's quarter hour, and a run would change the week's exceptions.
        host.Time.Advance(TimeSpan.FromMinutes(1));
        return host;
    }

    private static async Task RunDigestJobAsync(ReconcileFactory host)
    {
        using var scope = host.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DigestJob>();
        await job.Execute(Substitute.For<IJobExecutionContext>(), CancellationToken.None);
    }

    private async Task<IReadOnlyList<RecordedCall>> WaitForCallAsync(string method, int count)
    {
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(_slack.Calls(method).Count >= count));
        return _slack.Calls(method);
    }

    private static string BlockText(RecordedCall post) =>
        string.Join('\n', post.Body["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.ToString()
            ?? string.Join(' ', (b["elements"] as JsonArray ?? []).Select(e => e!["text"]?.ToString()))));

    private static async Task<T> QueryAsync<T>(ReconcileFactory factory, Func<ReconcileDbContext, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReconcileDbContext>());
    }
}
