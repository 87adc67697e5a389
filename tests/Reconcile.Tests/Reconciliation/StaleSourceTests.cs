using System.Net;
using System.Text.Json;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reconciliation;

/// <summary>stale_source is judged only in business hours, and only by the feed itself.</summary>
public sealed class StaleSourceTests : IDisposable
{
    private readonly ReconcileFactory _factory = ReconcileFactory.With(new Dictionary<string, string?> { ["Systems:crm:FreshnessWindow"] = "01:00:00" });
    private readonly HttpClient _client;

    public StaleSourceTests() => _client = _factory.CreateClient();

    private async Task IngestAsync(string system, string id)
    {
        var record = $$"""{"orderId":"{{id}}","currency":"USD","total":10.00,"updatedAt":"2026-11-23T12:00:00Z"}""";
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostJsonAsync($"/api/systems/{system}/records", $$"""{"records":[{{record}}]}""")).StatusCode);
    }

    private async Task<List<JsonElement>> StaleAsync() =>
        [.. JsonDocument.Parse(await (await _client.GetWithTokenAsync("/api/exceptions?type=stale_source")).Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task A_silent_feed_stays_stale_overnight_and_resolves_when_it_speaks_again()
    {
        // The factory's clock starts Monday 15:00 UTC = 10:00 in New York, inside business hours.
        await IngestAsync("crm", "1");
        _factory.Time.Advance(TimeSpan.FromHours(2));
        await RunDriver.RunAsync(_client);
        var stale = Assert.Single(await StaleAsync());
        Assert.Equal("crm", stale.GetProperty("system").GetString());
        Assert.Equal("open", stale.GetProperty("state").GetString());

        _factory.Time.Advance(TimeSpan.FromHours(10)); // 22:00 in New York
        await RunDriver.RunAsync(_client, full: true);
        Assert.Equal("open", Assert.Single(await StaleAsync()).GetProperty("state").GetString());

        _factory.Time.Advance(TimeSpan.FromHours(12)); // Tuesday 10:00
        await IngestAsync("crm", "2");
        await RunDriver.RunAsync(_client);
        var resolved = Assert.Single(await StaleAsync());
        Assert.Equal("resolved", resolved.GetProperty("state").GetString());
        Assert.Equal("auto", resolved.GetProperty("resolution").GetString());
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }
}
