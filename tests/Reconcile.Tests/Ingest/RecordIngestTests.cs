using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest;

/// <summary>POST /api/systems/{system}/records on one shared host, emptied of records before each test.</summary>
public sealed class RecordIngestTests(RecordIngestHost host) : IClassFixture<RecordIngestHost>, IAsyncLifetime
{
    private const string ShopToken = RecordIngestHost.ShopToken;
    private const string CrmToken = RecordIngestHost.CrmToken;

    private readonly RecordIngestHost _factory = host;
    private readonly HttpClient _client = host.CreateClient();

    public Task InitializeAsync() => _factory.ResetAsync();

    private static string Order(string id, decimal total = 90.00m, string extra = "", string updatedAt = "2026-11-20T10:00:00Z") =>
        $$"""{"orderId":"{{id}}","customerId":"C-77","currency":"USD","subtotal":100.00,"discount":10.00,"tax":0.00,"total":{{total}},"promoCode":"SPRING24","status":"paid","updatedAt":"{{updatedAt}}","lines":[{"sku":"SKU-1","quantity":2,"unitPrice":50.00}]{{extra}}}""";

    private async Task<JsonElement> PostRecordsAsync(string system, string token, params string[] records)
    {
        var response = await _client.PostJsonAsync($"/api/systems/{system}/records", $$"""{"records":[{{string.Join(",", records)}}]}""", token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<T> QueryAsync<T>(Func<ReconcileDbContext, Task<T>> query)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReconcileDbContext>());
    }

    [Fact]
    public async Task Valid_records_are_accepted_and_stored_as_the_latest_version()
    {
        var body = await PostRecordsAsync("shop", ShopToken, Order("1042"), Order("1043"));

        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("quarantined").GetInt32());
        Assert.Empty(body.GetProperty("errors").EnumerateArray());
        var stored = await QueryAsync(db => db.Records.Where(r => r.System == "shop").OrderBy(r => r.OrderId).ToListAsync());
        Assert.Equal(["1042", "1043"], stored.Select(r => r.OrderId));
        Assert.All(stored, r => Assert.False(r.Quarantined));
        Assert.Contains("\"total\":90.00", stored[0].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_record_is_quarantined_not_dropped_and_each_error_is_reported()
    {
        var body = await PostRecordsAsync("shop", ShopToken,
            Order("2001"),
            """{"orderId":"2002","currency":"USD","total":"ninety","updatedAt":"2026-11-20T10:00:00Z","colour":"red"}""",
            """{"customerId":"C-1"}""");

        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        Assert.Equal(2, body.GetProperty("quarantined").GetInt32());
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("index").GetInt32() == 1 && e.GetProperty("orderId").GetString() == "2002" && e.GetProperty("field").GetString() == "total");
        Assert.Contains(errors, e => e.GetProperty("index").GetInt32() == 1 && e.GetProperty("field").GetString() == "colour");
        Assert.Contains(errors, e => e.GetProperty("index").GetInt32() == 2 && e.GetProperty("field").GetString() == "orderId");

        var stored = await QueryAsync(db => db.Records.Where(r => r.System == "shop").ToListAsync());
        Assert.Equal(3, stored.Count);
        var drifted = Assert.Single(stored, r => r.OrderId == "2002");
        Assert.True(drifted.Quarantined);
        Assert.Contains("total", drifted.QuarantineReason, StringComparison.Ordinal);
        Assert.Contains("\"ninety\"", drifted.RawPayload, StringComparison.Ordinal);
        Assert.Single(stored, r => r.OrderId == "" && r.Quarantined);
    }

    [Fact]
    public async Task A_changed_record_becomes_version_two_and_the_old_one_goes_to_history_while_an_identical_resend_changes_nothing()
    {
        await PostRecordsAsync("shop", ShopToken, Order("3001", 90.00m));
        await PostRecordsAsync("shop", ShopToken, Order("3001", 95.00m, updatedAt: "2026-11-20T11:00:00Z"));
        await PostRecordsAsync("shop", ShopToken, Order("3001", 95.00m, updatedAt: "2026-11-20T11:00:00Z"));

        var latest = await QueryAsync(db => db.Records.SingleAsync(r => r.OrderId == "3001"));
        Assert.Equal(2, latest.Version);
        Assert.Contains("95.00", latest.Payload, StringComparison.Ordinal);
        var history = await QueryAsync(db => db.RecordHistory.Where(h => h.OrderId == "3001").ToListAsync());
        var old = Assert.Single(history);
        Assert.Equal(1, old.Version);
        Assert.Contains("90.00", old.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_systems_field_map_turns_its_names_into_canonical_ones()
    {
        var crm = Order("4001").Replace("\"promoCode\"", "\"promo_tag\"", StringComparison.Ordinal);

        var body = await PostRecordsAsync("crm", CrmToken, crm);

        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var stored = await QueryAsync(db => db.Records.SingleAsync(r => r.System == "crm" && r.OrderId == "4001"));
        Assert.Contains("\"promoCode\":\"SPRING24\"", stored.Payload, StringComparison.Ordinal);
        Assert.Contains("promo_tag", stored.RawPayload, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string?, string, HttpStatusCode> BadRequests() => new()
    {
        { "shop", "{\"records\": [", ShopToken, "application/json", HttpStatusCode.BadRequest },
        { "shop", "{\"orders\": []}", ShopToken, "application/json", HttpStatusCode.BadRequest },
        { "shop", "[1,2]", ShopToken, "application/json", HttpStatusCode.BadRequest },
        { "shop", "{\"records\": []}", ShopToken, "text/plain", HttpStatusCode.UnsupportedMediaType },
        { "erp", "{\"records\": []}", TestSecrets.AdminToken, "application/json", HttpStatusCode.NotFound },
        { "shop", "{\"records\": []}", null, "application/json", HttpStatusCode.Unauthorized },
        { "shop", "{\"records\": []}", "wrong-token", "application/json", HttpStatusCode.Unauthorized },
        { "shop", "{\"records\": []}", CrmToken, "application/json", HttpStatusCode.Unauthorized },
        { "shop", "{\"records\": [\"" + new string('x', 30000) + "\"]}", ShopToken, "application/json", HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_get_a_clear_4xx_and_change_nothing(string system, string body, string? token, string contentType, HttpStatusCode expected)
    {
        var response = await _client.PostJsonAsync($"/api/systems/{system}/records", body, token, contentType);

        Assert.Equal(expected, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(0, await QueryAsync(db => db.Records.CountAsync()));
    }

    [Fact]
    public async Task An_order_id_too_long_to_store_is_refused_with_a_clear_error_and_kept_in_quarantine()
    {
        var response = await _client.PostJsonAsync("/api/systems/shop/records", $$"""{"records":[{{Order(new string('9', 200))}}]}""", ShopToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, body.GetProperty("quarantined").GetInt32());
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "orderId"
            && e.GetProperty("message").GetString()!.Contains("limit is 128", StringComparison.Ordinal));
        Assert.Equal(1, await QueryAsync(db => db.Records.CountAsync(r => r.Quarantined)));
    }

    [Fact]
    public async Task An_older_version_arriving_late_goes_to_history_and_the_newer_stays_latest()
    {
        await PostRecordsAsync("shop", ShopToken, Order("3100", 95.00m).Replace("2026-11-20T10:00:00Z", "2026-11-20T10:05:00Z", StringComparison.Ordinal));
        var late = await PostRecordsAsync("shop", ShopToken, Order("3100", 90.00m).Replace("2026-11-20T10:00:00Z", "2026-11-20T05:00:00-05:00", StringComparison.Ordinal));

        Assert.Equal(1, late.GetProperty("accepted").GetInt32());
        var latest = await QueryAsync(db => db.Records.SingleAsync(r => r.OrderId == "3100"));
        Assert.Contains("95.00", latest.Payload, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, latest.OrderUpdatedAt!.Value.Offset);
        Assert.Contains("90.00", (await QueryAsync(db => db.RecordHistory.SingleAsync(h => h.OrderId == "3100"))).Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_token_may_submit_for_any_system() =>
        Assert.Equal(1, (await PostRecordsAsync("billing", TestSecrets.AdminToken, Order("5001"))).GetProperty("accepted").GetInt32());

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }
}
