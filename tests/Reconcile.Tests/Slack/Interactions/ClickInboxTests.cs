using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Tests.Workflow;

namespace Reconcile.Tests.Slack.Interactions;

/// <summary>
/// Deciding clicks are saved in the click inbox and acknowledged at once, whatever holds the store's writer; they are
/// decided when it is free, and what a stop left undecided is decided at the next start, never twice.
/// </summary>
public sealed class ClickInboxTests : IDisposable
{
    private static readonly Dictionary<string, string?> AtOnce = new() { ["Slack:ClickInboxAckWait"] = "00:00:00" };
    private readonly string _directory = TestDirectory.Create();

    public void Dispose() => TestDirectory.TryDelete(_directory);

    [Fact]
    public async Task An_escalate_click_is_acknowledged_while_another_writer_holds_the_store_and_decided_once_it_lets_go()
    {
        await using var host = await WorkflowHost.StartAsync(AtOnce);
        var exception = await host.PostAsync(TestExceptions.Open());
        var inbox = host.Factory.Services.GetRequiredService<ClickInbox>();

        await using (var writer = new SqliteConnection($"Data Source={host.Factory.DatabasePath};Pooling=False"))
        {
            await writer.OpenAsync();
            await using var hold = writer.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            var response = await host.ClickAsync(ExceptionActionIds.Escalate, exception, "U0CRM1");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(ExceptionState.Open, (await host.ExceptionAsync(exception.Id)).State);
            var saved = Assert.Single(await inbox.PendingAsync(default));
            Assert.Contains($"\"value\":\"{exception.Id}\"", saved.Payload, StringComparison.Ordinal);
            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        await SlackTestHost.WaitUntilAsync(async () => (await host.ExceptionAsync(exception.Id)).State == ExceptionState.Escalated);
        await SlackTestHost.WaitUntilAsync(async () => (await inbox.PendingAsync(default)).Count == 0);
        var audit = Assert.Single(await host.AuditAsync(exception.Id));
        Assert.Equal((AuditActions.Escalated, "U0CRM1"), (audit.Action, audit.Actor));
    }

    [Fact]
    public async Task A_click_saved_before_a_stop_is_decided_at_the_next_start()
    {
        var store = Store();
        string click;
        long exceptionId;
        await using (var before = await WorkflowHost.StartAsync(store))
        {
            var exception = await before.PostAsync(TestExceptions.Open());
            exceptionId = exception.Id;
            click = before.Click(ExceptionActionIds.Escalate, exception, "U0CRM1", exception.Version).ToJsonString();
        }

        await SaveAsync(click);
        await using var after = await WorkflowHost.StartAsync(store);
        var inbox = after.Factory.Services.GetRequiredService<ClickInbox>();

        await SlackTestHost.WaitUntilAsync(async () => (await inbox.PendingAsync(default)).Count == 0);
        var escalated = await after.ExceptionAsync(exceptionId);
        Assert.Equal((ExceptionState.Escalated, "revops-lead", 1), (escalated.State, escalated.Owner, escalated.EscalationLevel));
        var audit = Assert.Single(await after.AuditAsync(exceptionId));
        Assert.Equal((AuditActions.Escalated, "U0CRM1"), (audit.Action, audit.Actor));
    }

    [Theory]
    [InlineData(ExceptionActionIds.Escalate)]
    [InlineData(ExceptionActionIds.Replay)]
    public async Task A_click_left_in_the_inbox_on_an_exception_decided_since_is_refused_privately_at_the_next_start_and_decides_nothing(string button)
    {
        // Escalate: the click itself was decided just before a crash, and not yet taken out of the inbox.
        // Replay: the exception was escalated from the same message before the Replay click could run.
        var store = Store();
        string click;
        long exceptionId;
        // The click's response_url outlives the first host's fake Slack, as Slack's outlives a restart.
        await using var replies = await FakeSlackApi.StartAsync();
        await using (var before = await WorkflowHost.StartAsync(store))
        {
            var exception = await before.PostAsync(TestExceptions.Open());
            exceptionId = exception.Id;
            var clicked = before.Click(button, exception, "U0CRM1", exception.Version);
            clicked["response_url"] = replies.ResponseUrl($"actions/T1/{exceptionId}/1").AbsoluteUri;
            click = clicked.ToJsonString();
            var escalate = button == ExceptionActionIds.Escalate ? clicked : before.Click(ExceptionActionIds.Escalate, exception, "U0CRM1", exception.Version);
            await before.Client.SendAsync(SlackRequests.Interaction(escalate, before.Factory.Time.GetUtcNow()));
            var inbox = before.Factory.Services.GetRequiredService<ClickInbox>();
            await SlackTestHost.WaitUntilAsync(async () => (await inbox.PendingAsync(default)).Count == 0);
            Assert.Equal(ExceptionState.Escalated, (await before.ExceptionAsync(exceptionId)).State);
        }

        await SaveAsync(click);
        replies.Reset();
        await using var after = await WorkflowHost.StartAsync(store);
        var leftover = after.Factory.Services.GetRequiredService<ClickInbox>();

        var reply = (await replies.WaitForAsync("response_url", 1))[0];
        Assert.Equal("ephemeral", reply.Text("response_type"));
        Assert.Contains("Already escalated by <@U0CRM1>", reply.Text("text"), StringComparison.Ordinal);
        await SlackTestHost.WaitUntilAsync(async () => (await leftover.PendingAsync(default)).Count == 0);
        var escalated = await after.ExceptionAsync(exceptionId);
        Assert.Equal((ExceptionState.Escalated, 1), (escalated.State, escalated.EscalationLevel));
        Assert.Equal([AuditActions.Escalated], (await after.AuditAsync(exceptionId)).Select(a => a.Action));
    }

    [Theory]
    [InlineData("Sqlite", "Data Source=/var/lib/reconcile/reconcile.db", "/var/lib/reconcile/reconcile.clicks.db")]
    [InlineData("Sqlite", "Data Source=/var/lib/reconcile/store", "/var/lib/reconcile/store.clicks")]
    [InlineData("Sqlite", "Data Source=:memory:", null)]
    [InlineData("Sqlite", "Data Source=shared;Mode=Memory;Cache=Shared", null)]
    [InlineData("Postgres", "Host=db;Username=reconcile", null)]
    public void The_inbox_is_a_file_beside_a_SQLite_file_store_and_nowhere_else(string provider, string connectionString, string? expected) =>
        Assert.Equal(expected, ClickInbox.PathFor(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }));

    private Dictionary<string, string?> Store() => new(AtOnce) { ["Database:ConnectionString"] = $"Data Source={Path.Combine(_directory, "reconcile.db")}" };

    private async Task SaveAsync(string click)
    {
        var database = new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "reconcile.db")}" };
        await using var inbox = new ClickInbox(Options.Create(database), NullLogger<ClickInbox>.Instance);
        Assert.NotNull(await inbox.SaveAsync(click, DateTimeOffset.UnixEpoch, default));
    }
}
