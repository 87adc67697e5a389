using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest;

/// <summary>POST /api/reference/{kind} on one shared host; each test starts with no customers, products or promotions.</summary>
public sealed class ReferenceIngestTests(ReconcileFactory host) : IClassFixture<ReconcileFactory>, IAsyncLifetime
{
    private readonly ReconcileFactory _factory = host;
    private readonly HttpClient _client = host.CreateClient();

    public async Task InitializeAsync()
    {
        await _factory.ClearAsync<CustomerEntity>();
        await _factory.ClearAsync<ProductEntity>();
        await _factory.ClearAsync<PromotionEntity>();
    }

    [Fact]
    public async Task Customers_products_and_promotions_are_upserted()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostJsonAsync("/api/reference/customers", """{"customers":[{"id":"C-77","name":"Ada"}]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostJsonAsync("/api/reference/products", """{"products":[{"sku":"SKU-1","price":50.00}]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostJsonAsync("/api/reference/promotions", """{"promotions":[{"code":"SPRING24","campaign":"spring-email","validFrom":"2026-03-01","validTo":"2026-12-31","percentOff":10}]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostJsonAsync("/api/reference/customers", """{"customers":[{"id":"C-77","name":"Ada L."}]}""")).StatusCode);

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        Assert.Equal("Ada L.", (await db.Customers.SingleAsync()).Name);
        Assert.Equal(50.00m, (await db.Products.SingleAsync()).Price);
        var promo = await db.Promotions.SingleAsync();
        Assert.Equal("spring-email", promo.Campaign);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), promo.ValidTo);
    }

    [Fact]
    public async Task Invalid_reference_items_are_reported_and_the_valid_ones_kept()
    {
        var response = await _client.PostJsonAsync("/api/reference/promotions",
            """{"promotions":[{"code":"OK1"},{"campaign":"x"},{"code":"BAD","validFrom":"2026-05-01","validTo":"2026-04-01"},{"code":"NUM","percentOff":"ten"}]}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var fields = body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((1, "code"), fields);
        Assert.Contains((2, "validTo"), fields);
        Assert.Contains((3, "percentOff"), fields);
    }

    [Theory]
    [InlineData("/api/reference/suppliers", TestSecrets.AdminToken, HttpStatusCode.NotFound)]
    [InlineData("/api/reference/customers", "not-admin", HttpStatusCode.Unauthorized)]
    public async Task Unknown_kinds_and_non_admin_tokens_are_refused(string path, string token, HttpStatusCode expected) =>
        Assert.Equal(expected, (await _client.PostJsonAsync(path, """{"items":[]}""", token)).StatusCode);

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }
}
