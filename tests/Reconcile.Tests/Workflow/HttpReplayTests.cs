using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Reconciliation.Connectors;
using Reconcile.Tests.Slack;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Workflow;

namespace Reconcile.Tests.Workflow;

/// <summary>
/// Replay into a HubSpot-style CRM over HTTP (a stateful fake on loopback): the write body is the mapping inverted,
/// it carries the replay's persisted idempotency key, and the replay resolves only when reading back verifies.
/// </summary>
public sealed class HttpReplayTests : IDisposable
{
    private const string Shop = """{"orderId":"1042","customerId":"C-77","currency":"USD","total":90.00,"promoCode":"SPRING24","status":"refunded","updatedAt":"2026-11-20T10:00:00Z"}""";
    private const string CrmCopy = """{"orderId":"1042","externalId":"CRM-9","customerId":"C-77","currency":"USD","total":90.00,"status":"paid","updatedAt":"2026-11-20T10:00:00Z"}""";
    private const string Deal = """{"id":"CRM-9","properties":{"order_id":"1042","customer_id":"C-77","amount":"90.00","dealstage":"closedwon"},"updatedAt":"2026-11-20T10:00:00.000Z"}""";

    private readonly FakeObjectsApi _crm = new("/crm/v3/objects/deals/");

    public void Dispose() => _crm.Dispose();

    [Fact]
    public async Task Replay_of_a_crm_promo_mismatch_sends_exactly_one_write_with_its_key_verifies_by_reading_back_and_resolves()
    {
        await using var host = await WorkflowHost.StartAsync(CrmApi(_crm.BaseUrl));
        var exception = await SeedAsync(host);

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        var resolved = await ReplayTests.WaitForAsync(host, exception.Id, e => e.State == ExceptionState.Resolved);
        Assert.Equal(Resolution.Replayed, resolved.Resolution);
        var key = $"exception-{exception.Id}-v{exception.Version + 1}";
        var write = Assert.Single(_crm.Writes);
        Assert.Equal((key, """{"properties":{"promo_code":"SPRING24"}}"""), write);
        Assert.Equal(["PATCH", "GET"], _crm.Requests.Select(r => r.Method));
        Assert.All(_crm.Requests, r => Assert.EndsWith("/crm/v3/objects/deals/CRM-9", r.Url, StringComparison.Ordinal));
        Assert.Equal("SPRING24", _crm.Find("CRM-9")!["properties"]!["promo_code"]!.GetValue<string>());
        var attempt = await host.Factory.QueryAsync(db => db.ReplayAttempts.AsNoTracking().SingleAsync(a => a.ExceptionId == exception.Id));
        Assert.Equal((key, 1, "replayed", "U0CRM1"), (attempt.IdempotencyKey, attempt.Attempt, attempt.Outcome, attempt.Actor));
        Assert.NotNull(attempt.WrittenAt);
    }

    [Fact]
    public async Task A_write_accepted_but_never_applied_fails_verification_and_leaves_the_exception_open_with_the_answer_on_record()
    {
        _crm.ApplyWrites = false;
        await using var host = await WorkflowHost.StartAsync(CrmApi(_crm.BaseUrl));
        var exception = await SeedAsync(host);

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        var failed = await ReplayTests.WaitForAsync(host, exception.Id, e => e.Version == exception.Version + 2);
        Assert.Equal((ExceptionState.Open, (Resolution?)null), (failed.State, failed.Resolution));
        var last = (await host.AuditAsync(exception.Id))[^1];
        Assert.Equal(AuditActions.ReplayFailed, last.Action);
        Assert.StartsWith("read-back does not match what was written (promoCode); crm answered the write with PATCH crm/v3/objects/deals/CRM-9: 200 OK:", last.Reason, StringComparison.Ordinal);
        using var details = JsonDocument.Parse(last.Details!);
        Assert.False(details.RootElement.GetProperty("verified").GetBoolean());
        Assert.Single(_crm.Writes);
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(host.Slack.Calls("chat.postMessage")
            .Any(c => c.Text("thread_ts") == exception.SlackTs && c.Text("text")!.Contains("read-back does not match", StringComparison.Ordinal))));
        var attempt = await host.Factory.QueryAsync(db => db.ReplayAttempts.AsNoTracking().SingleAsync(a => a.ExceptionId == exception.Id));
        Assert.Equal("failed", attempt.Outcome);
    }

    [Fact]
    public async Task A_replay_whose_write_timed_out_is_retried_with_the_same_key_and_applied_once()
    {
        _crm.StallFirstWrite = TimeSpan.FromSeconds(3);
        var settings = CrmApi(_crm.BaseUrl);
        settings["Systems:crm:Connector:Timeout"] = "00:00:00.500";
        await using var host = await WorkflowHost.StartAsync(settings);
        var exception = await SeedAsync(host);

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        // The connector's timeout and retry delay run on the host's clock, which is the test's: move it on until the replay ends.
        await SlackTestHost.WaitUntilAsync(async () =>
        {
            host.Factory.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(50);
            return (await host.ExceptionAsync(exception.Id)).Version >= exception.Version + 2;
        });
        var resolved = await host.ExceptionAsync(exception.Id);
        Assert.Equal(Resolution.Replayed, resolved.Resolution);
        Assert.Equal(2, _crm.Writes.Count);
        Assert.Single(_crm.Writes.Select(w => w.Key).Distinct());
        Assert.Equal($"exception-{exception.Id}-v{exception.Version + 1}", _crm.Writes[0].Key);
        Assert.Equal(1, _crm.Applied);
    }

    [Fact]
    public async Task An_attribute_whose_mapping_is_a_constant_is_refused_at_the_click_and_nothing_is_sent()
    {
        var settings = CrmApi(_crm.BaseUrl);
        settings["Systems:crm:Mapping:promoCode:Pointer"] = null;
        settings["Systems:crm:Mapping:promoCode:Value"] = "NONE";
        await using var host = await WorkflowHost.StartAsync(settings);
        var exception = await SeedAsync(host);

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        var reply = (await host.Slack.WaitForAsync("response_url", 1))[0];
        Assert.Contains("promoCode cannot be written back: its mapping is the constant Value \"NONE\"", reply.Text("text"), StringComparison.Ordinal);
        Assert.Equal(exception.Version, (await host.ExceptionAsync(exception.Id)).Version);
        Assert.Empty(_crm.Requests);
    }

    [Fact]
    public async Task A_value_the_mapping_cannot_write_back_fails_the_replay_before_anything_is_sent_and_says_which_and_why()
    {
        await using var host = await WorkflowHost.StartAsync(CrmApi(_crm.BaseUrl));
        var exception = await SeedAsync(host, attribute: "status");

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        var failed = await ReplayTests.WaitForAsync(host, exception.Id, e => e.Version == exception.Version + 2);
        Assert.Equal(ExceptionState.Open, failed.State);
        var last = (await host.AuditAsync(exception.Id))[^1];
        Assert.Equal(AuditActions.ReplayFailed, last.Action);
        Assert.Equal("status cannot be written back: Values has no entry for \"refunded\" (a value read through \"*\" cannot be written back). Nothing was sent to crm.", last.Reason);
        Assert.Empty(_crm.Requests);
    }

    [Fact]
    public async Task A_replay_resumed_after_a_restart_sends_the_key_saved_at_its_start_and_the_target_applies_it_once()
    {
        await using var host = await WorkflowHost.StartAsync(CrmApi(_crm.BaseUrl));
        var exception = await SeedAsync(host);
        using (var scope = host.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            var row = await db.Exceptions.SingleAsync(e => e.Id == exception.Id);
            scope.ServiceProvider.GetRequiredService<ExceptionTransitions>().StartReplay(db, row, "U0CRM1", "crm");
            await db.SaveChangesAsync();
        }

        // The process that started it sent the write, then died before recording anything.
        var key = await host.Factory.QueryAsync(db => db.ReplayAttempts.Where(a => a.ExceptionId == exception.Id).Select(a => a.IdempotencyKey).SingleAsync());
        using (var http = _crm.Server.CreateClient())
        using (var first = new HttpRequestMessage(HttpMethod.Patch, new Uri(_crm.BaseUrl + "crm/v3/objects/deals/CRM-9")))
        {
            first.Headers.Add("Idempotency-Key", key);
            first.Content = new StringContent("""{"properties":{"promo_code":"SPRING24"}}""");
            (await http.SendAsync(first)).EnsureSuccessStatusCode();
        }

        using (var scope = host.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReplayExecutor>()
                .RunAsync(new ReplayRequest(exception.Id, exception.Version + 1, "open", "U0CRM1"), default);
        }

        Assert.Equal(ExceptionState.Resolved, (await host.ExceptionAsync(exception.Id)).State);
        Assert.Equal([key, key], _crm.Writes.Select(w => w.Key));
        Assert.Equal(1, _crm.Applied);
    }

    [Fact]
    public async Task An_order_missing_in_a_target_without_Create_cannot_be_replayed_and_the_clicker_is_told_so()
    {
        await using var host = await WorkflowHost.StartAsync(CrmApi(_crm.BaseUrl));
        await host.StoreAsync("shop", Shop);
        var exception = TestExceptions.Open(type: "missing_in_target");
        exception.Attribute = null;
        exception.Fingerprint = "promo-to-billing|1042|missing_in_target|crm|";
        exception = await host.PostAsync(exception);

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        var reply = (await host.Slack.WaitForAsync("response_url", 1))[0];
        Assert.Contains("crm has no Connector:Create, so an order missing in crm cannot be replayed.", reply.Text("text"), StringComparison.Ordinal);
        Assert.Equal(exception.Version, (await host.ExceptionAsync(exception.Id)).Version);
        Assert.Empty(_crm.Requests);
    }

    private async Task<ExceptionEntity> SeedAsync(WorkflowHost host, string attribute = "promoCode")
    {
        _crm.Put("CRM-9", Deal);
        await host.StoreAsync("shop", Shop);
        await host.StoreAsync("crm", CrmCopy);
        var exception = TestExceptions.Open();
        exception.Attribute = attribute;
        exception.Fingerprint = $"promo-to-billing|1042|field_mismatch|crm|{attribute}";
        return await host.PostAsync(exception);
    }

    /// <summary>crm as a HubSpot-style API: deals by id, every property a string, PATCH with an idempotency key.</summary>
    private static Dictionary<string, string?> CrmApi(string baseUrl) => new()
    {
        ["Systems:crm:Connector:Kind"] = "Http",
        ["Systems:crm:Connector:BaseUrl"] = baseUrl,
        ["Systems:crm:Connector:Token"] = "pat-crm",
        ["Systems:crm:Connector:RetryDelay"] = "00:00:00.010",
        ["Systems:crm:Connector:Read:Path"] = "crm/v3/objects/deals/{externalId}",
        ["Systems:crm:Connector:Write:Method"] = "PATCH",
        ["Systems:crm:Connector:Write:Path"] = "crm/v3/objects/deals/{externalId}",
        ["Systems:crm:Connector:Write:IdempotencyHeader"] = "Idempotency-Key",
        ["Systems:crm:Mapping:orderId:Pointer"] = "/properties/order_id",
        ["Systems:crm:Mapping:externalId:Pointer"] = "/id",
        ["Systems:crm:Mapping:customerId:Pointer"] = "/properties/customer_id",
        ["Systems:crm:Mapping:currency:Value"] = "USD",
        ["Systems:crm:Mapping:total:Pointer"] = "/properties/amount",
        ["Systems:crm:Mapping:total:Convert"] = "decimal",
        ["Systems:crm:Mapping:promoCode:Pointer"] = "/properties/promo_code",
        ["Systems:crm:Mapping:status:Pointer"] = "/properties/dealstage",
        ["Systems:crm:Mapping:status:Values:closedwon"] = "paid",
        ["Systems:crm:Mapping:updatedAt:Pointer"] = "/updatedAt",
    };
}
