using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Slack.Commands;

/// <summary>
/// /recon mine, status &lt;orderId&gt; and run &lt;flow&gt;, answered in the response body (the user is U0CAMP1 of campaign-ops).
/// The class shares one default host; each test starts with no exceptions, records or runs in it. Starting a run as an
/// admin takes a host of its own, configured with U0CAMP1 as an admin.
/// </summary>
public sealed class ReconSubCommandTests(ReconcileFactory factory) : IClassFixture<ReconcileFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await factory.ClearAsync<ExceptionEntity>();
        await factory.ClearAsync<RecordHistoryEntity>();
        await factory.ClearAsync<RecordEntity>();
        await factory.ClearAsync<RunEntity>();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Mine_lists_the_unresolved_exceptions_of_the_owners_I_belong_to_and_nothing_else()
    {
        using var client = factory.CreateClient();
        var now = factory.Time.GetUtcNow();
        var resolved = TestExceptions.Open("2002", owner: "campaign-ops");
        resolved.State = ExceptionState.Resolved;
        await SeedAsync(factory, TestExceptions.Open("2001", owner: "campaign-ops", slaDueAt: now.AddHours(-2)), resolved, TestExceptions.Open("2003"));

        var text = Text(await SendAsync(client, factory, "mine"));

        Assert.Contains("order 2001", text, StringComparison.Ordinal);
        Assert.Contains("overdue", text, StringComparison.Ordinal);
        Assert.Contains("1 open exception(s) for campaign-ops, 1 overdue", text, StringComparison.Ordinal);
        Assert.DoesNotContain("order 2002", text, StringComparison.Ordinal);
        Assert.DoesNotContain("order 2003", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_an_order_shows_each_systems_copy_with_quarantine_and_its_exceptions()
    {
        using var client = factory.CreateClient();
        using (var scope = factory.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<Reconcile.Ingest.RecordStore>();
            await store.StoreAsync("shop", [Json("""{"orderId":"1042","currency":"USD","total":90.00,"status":"paid","updatedAt":"2026-11-20T10:00:00Z"}""")], null, default);
            await store.StoreAsync("billing", [Json("""{"orderId":"1042","currency":"USD","total":"ninety","updatedAt":"2026-11-20T10:00:00Z"}""")], null, default);
        }

        var exception = TestExceptions.Open();
        await SeedAsync(factory, exception);

        var text = Text(await SendAsync(client, factory, "status 1042"));

        Assert.Contains("*Order 1042* across systems", text, StringComparison.Ordinal);
        Assert.Contains("• *shop*: total 90.00 USD · status paid", text, StringComparison.Ordinal);
        Assert.Contains("• *crm*: _no record_", text, StringComparison.Ordinal);
        Assert.Contains(":warning: quarantined", text, StringComparison.Ordinal);
        Assert.Contains($"• #{exception.Id} field_mismatch in crm (promoCode) · promo-to-billing — *open* · owner crm-owner", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_flow_name_is_still_the_flow_overview()
    {
        using var client = factory.CreateClient();

        var text = Text(await SendAsync(client, factory, "status promo-to-billing"));

        Assert.Contains("*promo-to-billing* (Live)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_is_refused_to_non_admins_and_started_at_once_for_admins()
    {
        using var client = factory.CreateClient();
        Assert.Contains("Only Reconcile admins", (await SendAsync(client, factory, "run promo-to-billing"))["text"]!.ToString(), StringComparison.Ordinal);

        using var admin = ReconcileFactory.With(new Dictionary<string, string?> { ["Slack:Admins:0"] = "U0CAMP1" });
        using var adminClient = admin.CreateClient();
        var reply = (await SendAsync(adminClient, admin, "run promo-to-billing"))["text"]!.ToString();

        Assert.Contains("Started run", reply, StringComparison.Ordinal);
        Assert.Equal(1, await SlackTestHost.QueryAsync(admin, db => Task.FromResult(db.Runs.Count(r => r.TriggeredBy == "slack:U0CAMP1"))));
    }

    private static async Task SeedAsync(ReconcileFactory factory, params ExceptionEntity[] exceptions)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        db.Exceptions.AddRange(exceptions);
        await db.SaveChangesAsync();
    }

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement;

    private static string Text(JsonObject reply) =>
        string.Join('\n', reply["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.ToString())) + "\n" + reply["text"];

    private static async Task<JsonObject> SendAsync(HttpClient client, ReconcileFactory factory, string text)
    {
        var response = await client.SendAsync(SlackRequests.Command(text, factory.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
