using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest;

/// <summary>
/// Bytes no string can hold, values longer than their field allows and repeated keys: each gets a 4xx
/// problem naming the record and field, what can be kept is quarantined, and the service keeps serving.
/// </summary>
/// <remarks>One host for the class; each test starts with no records and no reference data, which it counts.</remarks>
public sealed class HostileInputTests(ReconcileFactory host) : IClassFixture<ReconcileFactory>, IAsyncLifetime
{
    private const string Valid = """{"orderId":"OK-1","currency":"USD","total":1.00,"updatedAt":"2026-11-20T10:00:00Z"}""";

    private readonly ReconcileFactory _factory = host;
    private readonly HttpClient _client = host.CreateClient();

    public async Task InitializeAsync()
    {
        await _factory.ClearAsync<RecordHistoryEntity>();
        await _factory.ClearAsync<RecordEntity>();
        await _factory.ClearAsync<CustomerEntity>();
        await _factory.ClearAsync<ProductEntity>();
        await _factory.ClearAsync<PromotionEntity>();
    }

    /// <summary>The body with <c>\xff</c> replaced by the single byte 0xFF, which is never valid UTF-8.</summary>
    private static byte[] Bytes(string body)
    {
        var parts = body.Split("\\xff");
        var bytes = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
            if (i < parts.Length - 1)
            {
                bytes.Add(0xFF);
            }
        }

        return [.. bytes];
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string Text)> PostAsync(string path, string body)
    {
        var response = await _client.PostBytesAsync(path, Bytes(body));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement, text);
    }

    private async Task<T> QueryAsync<T>(Func<ReconcileDbContext, Task<T>> query)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReconcileDbContext>());
    }

    private static void AssertNames(JsonElement problem, int index, string field)
    {
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("index").GetInt32() == index && e.GetProperty("field").GetString() == field);
    }

    [Theory]
    [InlineData("""{"records":[{"orderId":"\xff"}]}""", "orderId")]
    [InlineData("""{"records":[{"orderId":"A","campaign":"\udc00"}]}""", "campaign")]
    public async Task A_record_with_bytes_no_string_can_hold_is_refused_naming_record_and_field_and_kept_in_quarantine(string body, string field)
    {
        var (status, problem, _) = await PostAsync("/api/systems/shop/records", body.Replace("]}", "," + Valid + "]}", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertNames(problem, 0, field);
        Assert.Equal((1, 1), (problem.GetProperty("accepted").GetInt32(), problem.GetProperty("quarantined").GetInt32()));
        var stored = await QueryAsync(db => db.Records.OrderBy(r => r.Id).ToListAsync());
        Assert.Equal([true, false], stored.Select(r => r.Quarantined));
        Assert.Contains(field, stored[0].QuarantineReason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("customers", """{"customers":[{"id":"\xff"}]}""", "id")]
    [InlineData("customers", """{"customers":[{"id":"C-1","name":"\udc00"}]}""", "name")]
    [InlineData("products", """{"products":[{"sku":"SKU-\xff","price":1.00}]}""", "sku")]
    [InlineData("promotions", """{"promotions":[{"code":"P1","campaign":"\ud800x"}]}""", "campaign")]
    public async Task Reference_data_with_bad_bytes_is_refused_naming_item_and_field(string kind, string body, string field)
    {
        var (status, problem, _) = await PostAsync("/api/reference/" + kind, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertNames(problem, 0, field);
        Assert.Equal(0, await QueryAsync(async db => await db.Customers.CountAsync() + await db.Products.CountAsync() + await db.Promotions.CountAsync()));
    }

    [Fact]
    public async Task A_megabyte_order_id_is_refused_without_echoing_it_and_kept_in_quarantine()
    {
        var id = new string('9', 1024 * 1024);
        var (status, problem, text) = await PostAsync("/api/systems/shop/records", $$"""{"records":[{"orderId":"{{id}}","currency":"USD","total":1,"updatedAt":"2026-11-20T10:00:00Z"}]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertNames(problem, 0, "orderId");
        Assert.True(text.Length < 2000, $"the answer is {text.Length} characters long");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("message").GetString()!.Contains("limit is 128", StringComparison.Ordinal));
        Assert.Equal(1, await QueryAsync(db => db.Records.CountAsync(r => r.Quarantined)));
    }

    [Fact]
    public async Task Free_text_longer_than_its_limit_is_refused_naming_the_field()
    {
        var (status, problem, _) = await PostAsync("/api/reference/customers", $$"""{"customers":[{"id":"C-1","name":"{{new string('a', 2000)}}"}]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertNames(problem, 0, "name");
        Assert.Equal(0, await QueryAsync(db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task A_key_repeated_at_the_top_level_refuses_the_whole_body_and_stores_nothing()
    {
        var (status, problem, _) = await PostAsync("/api/systems/shop/records", $$"""{"records":[{{Valid}}],"records":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("records", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(db => db.Records.CountAsync()));
    }

    [Fact]
    public async Task A_key_repeated_inside_a_reference_item_is_refused_naming_it()
    {
        var (status, problem, _) = await PostAsync("/api/reference/products", """{"products":[{"sku":"A","price":1.00,"price":2.00}]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertNames(problem, 0, "price");
        Assert.Equal(0, await QueryAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task A_key_repeated_inside_a_line_item_is_refused_naming_its_path()
    {
        var line = "\"lines\":[{\"sku\":\"S\",\"quantity\":1,\"quantity\":2,\"unitPrice\":1.00}]";
        var (status, problem, _) = await PostAsync("/api/systems/shop/records", Valid.Replace("\"total\"", line + ",\"total\"", StringComparison.Ordinal).Insert(0, "{\"records\":[") + "]}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertNames(problem, 0, "lines[0].quantity");
        Assert.Equal(1, await QueryAsync(db => db.Records.CountAsync(r => r.Quarantined)));
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }
}
