using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Engine.Records;
using Reconcile.Lifecycle;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Slack;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Workflow;

namespace Reconcile.Tests.Workflow;

/// <summary>Replay through the in-process connector with injected faults, verified by reading the target back.</summary>
[Collection(SharedWorkflowHost.Name)]
public sealed class ReplayTests(WorkflowHostFixture shared) : IAsyncLifetime
{
    public Task InitializeAsync() => shared.Host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Shop = """{"orderId":"1042","customerId":"C-77","currency":"USD","total":90.00,"promoCode":"SPRING24","status":"paid","updatedAt":"2026-11-20T10:00:00Z"}""";
    private const string Crm = """{"orderId":"1042","externalId":"CRM-9","customerId":"C-77","currency":"USD","total":90.00,"status":"paid","updatedAt":"2026-11-20T10:00:00Z"}""";

    [Fact]
    public async Task A_target_that_fails_twice_then_accepts_is_replayed_verified_and_resolved_with_the_attempts_on_record()
    {
        await using var host = await WorkflowHost.StartAsync(new Dictionary<string, string?> { ["Systems:crm:Connector:Faults:FailWrites"] = "2" });
        var exception = await SeedAsync(host);

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        var resolved = await WaitForAsync(host, exception.Id, e => e.State == ExceptionState.Resolved);
        Assert.Equal(((Resolution?)Resolution.Replayed, "U0CRM1"), (resolved.Resolution, resolved.ResolvedBy));
        var audit = await host.AuditAsync(exception.Id);
        Assert.Equal([AuditActions.ReplayStarted, AuditActions.Replayed], audit.Select(a => a.Action));
        using var details = JsonDocument.Parse(audit[^1].Details!);
        Assert.Equal(3, details.RootElement.GetProperty("attempts").GetInt32());
        Assert.Contains("503", details.RootElement.GetProperty("responses")[0].GetString(), StringComparison.Ordinal);
        Assert.True(details.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal($"exception-{exception.Id}-v{exception.Version + 1}", details.RootElement.GetProperty("idempotencyKey").GetString());

        var crm = await SlackTestHost.QueryAsync(host.Factory, db => db.Records.AsNoTracking().SingleAsync(r => r.System == "crm" && r.OrderId == "1042"));
        Assert.Equal(("SPRING24", "CRM-9"), (CanonicalJson.Deserialize(crm.Payload!).PromoCode, crm.ExternalId));
        Assert.Equal(1, await SlackTestHost.QueryAsync(host.Factory, db => db.RecordHistory.CountAsync(h => h.System == "crm" && h.OrderId == "1042")));
        await AssertThreadSaysAsync(host, exception, "Replayed into crm and verified (3 attempt(s))");
        var updates = await host.Slack.WaitForAsync("chat.update", 2);
        Assert.Contains("Replay in progress", updates[0].Body["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.All(updates, u => Assert.Equal(exception.SlackTs, u.Text("ts")));
    }

    [Fact]
    public async Task A_replay_that_never_verifies_goes_back_to_its_state_with_the_failure_on_record()
    {
        await using var host = await WorkflowHost.StartAsync(new Dictionary<string, string?> { ["Systems:crm:Connector:Faults:DropWrites"] = "true" });
        var exception = await SeedAsync(host);

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        var failed = await WaitForAsync(host, exception.Id, e => e.Version == exception.Version + 2);
        Assert.Equal((ExceptionState.Open, (Resolution?)null), (failed.State, failed.Resolution));
        var last = (await host.AuditAsync(exception.Id))[^1];
        Assert.Equal((AuditActions.ReplayFailed, "replaying", "open"), (last.Action, last.FromState, last.ToState));
        Assert.Contains("promoCode", last.Reason, StringComparison.Ordinal);
        using var details = JsonDocument.Parse(last.Details!);
        Assert.False(details.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal(1, details.RootElement.GetProperty("attempts").GetInt32());
        Assert.Contains("202 Accepted", details.RootElement.GetProperty("responses")[0].GetString(), StringComparison.Ordinal);
        await AssertThreadSaysAsync(host, exception, "Replay into crm failed after 1 attempt(s)");
    }

    [Fact]
    public async Task Once_the_targets_circuit_breaker_opens_the_replay_stops_retrying_and_fails_on_record()
    {
        await using var host = await WorkflowHost.StartAsync(new Dictionary<string, string?>
        {
            ["Systems:crm:Connector:Faults:FailWrites"] = "100", ["Workflow:BreakerMinimumThroughput"] = "2",
        });
        var exception = await SeedAsync(host);

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        var failed = await WaitForAsync(host, exception.Id, e => e.Version == exception.Version + 2);
        Assert.Equal(ExceptionState.Open, failed.State);
        var last = (await host.AuditAsync(exception.Id))[^1];
        Assert.Equal(AuditActions.ReplayFailed, last.Action);
        Assert.Contains("circuit", last.Reason, StringComparison.OrdinalIgnoreCase);
        using var details = JsonDocument.Parse(last.Details!);
        Assert.Equal(2, details.RootElement.GetProperty("attempts").GetInt32()); // the third try was refused by the open breaker
    }

    [Fact]
    public async Task A_finding_type_replay_cannot_repair_is_refused_and_nothing_changes()
    {
        var host = shared.Host;
        var exception = await host.PostAsync(TestExceptions.Open(type: "schema_drift"));

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        var reply = (await host.Slack.WaitForAsync("response_url", 1))[0];
        Assert.Contains("can't be replayed", reply.Text("text"), StringComparison.Ordinal);
        Assert.Equal(exception.Version, (await host.ExceptionAsync(exception.Id)).Version);
    }

    private static async Task<ExceptionEntity> SeedAsync(WorkflowHost host)
    {
        await host.StoreAsync("shop", Shop);
        await host.StoreAsync("crm", Crm);
        return await host.PostAsync(TestExceptions.Open());
    }

    internal static async Task<ExceptionEntity> WaitForAsync(WorkflowHost host, long id, Func<ExceptionEntity, bool> condition)
    {
        await SlackTestHost.WaitUntilAsync(async () => condition(await host.ExceptionAsync(id)));
        return await host.ExceptionAsync(id);
    }

    private static async Task AssertThreadSaysAsync(WorkflowHost host, ExceptionEntity exception, string text) =>
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(host.Slack.Calls("chat.postMessage")
            .Any(c => c.Text("thread_ts") == exception.SlackTs && c.Text("text")!.Contains(text, StringComparison.Ordinal))));
}
