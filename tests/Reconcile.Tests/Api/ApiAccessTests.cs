using System.Net;
using System.Text.Json;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Api;

/// <summary>The three policies (admin, a system's ingest token, reader) on real routes, and the refusals callers read.</summary>
public sealed class ApiAccessTests(IngestTokensHost host) : IClassFixture<IngestTokensHost>, IDisposable
{
    private const string ShopToken = IngestTokensHost.ShopToken;
    private const string CrmToken = IngestTokensHost.CrmToken;
    private readonly HttpClient _client = host.CreateClient();

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("/api/exceptions", ShopToken)]
    [InlineData("/api/runs", CrmToken)]
    [InlineData("/api/metrics", ShopToken)]
    [InlineData("/api/exceptions", TestSecrets.AdminToken)]
    public async Task Any_ingest_token_or_the_admin_token_may_read(string path, string token) =>
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithTokenAsync(path, token)).StatusCode);

    [Theory]
    [InlineData("/api/exports/audit.csv?from=2026-11-01&to=2026-12-01", "Exports need the admin token.")]
    [InlineData("/api/exports/exceptions.csv?from=2026-11-01&to=2026-12-01", "Exports need the admin token.")]
    public async Task An_ingest_token_cannot_export_and_is_told_what_is_needed(string path, string detail)
    {
        var response = await _client.GetWithTokenAsync(path, ShopToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("Unauthorized", problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Another_systems_token_is_refused_with_a_detail_naming_the_system()
    {
        var response = await _client.PostJsonAsync("/api/systems/shop/records", """{"records":[]}""", CrmToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Send the ingest token of 'shop' or the admin token as a bearer token.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/reference/customers", "Reference data needs the admin token.")]
    [InlineData("/api/flows/promo-to-billing/runs", "Starting a run needs the admin token.")]
    public async Task An_ingest_token_cannot_write_what_needs_the_admin_token(string path, string detail)
    {
        var response = await _client.PostJsonAsync(path, """{"customers":[]}""", ShopToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(detail, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_token_on_a_read_gets_the_generic_refusal()
    {
        var response = await _client.GetWithTokenAsync("/api/runs/1", "guess");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("A valid bearer token is required (Authorization: Bearer …).",
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_systems_own_token_submits_its_records()
    {
        var response = await _client.PostJsonAsync("/api/systems/crm/records", """{"records":[]}""", CrmToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt32());
    }
}
