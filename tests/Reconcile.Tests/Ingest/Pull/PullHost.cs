using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Ingest.Webhooks;

namespace Reconcile.Tests.Ingest.Pull;

/// <summary>
/// A host whose system is mapped by one of the documented example files and pulled from a fake of its API on loopback
/// (WireMock.Net), with fast retries so a flaky fake does not slow the suite.
/// </summary>
public static class PullHost
{
    public const string Token = "pull-test-s3cret-token";

    /// <summary>
    /// The host: <paramref name="file"/>'s mapping for <paramref name="system"/>, an Http connector at <paramref name="baseUrl"/>,
    /// and these Pull keys (relative to Connector:Pull; keys starting Systems: or Serilog: are taken whole).
    /// </summary>
    public static PullFactory Create(string file, string system, string baseUrl, IDictionary<string, string?> pull)
    {
        var settings = WebhookHost.Example(file);
        settings[$"Systems:{system}:Webhook:Secret"] = WebhookHost.Secret;
        var connector = $"Systems:{system}:Connector";
        settings[$"{connector}:Kind"] = "Http";
        settings[$"{connector}:BaseUrl"] = baseUrl;
        settings[$"{connector}:Token"] = Token;
        settings[$"{connector}:Retries"] = "2";
        settings[$"{connector}:RetryDelay"] = "00:00:00.010";
        settings[$"{connector}:Timeout"] = "00:00:05";
        foreach (var (key, value) in pull)
        {
            var whole = key.StartsWith("Systems:", StringComparison.Ordinal) || key.StartsWith("Serilog:", StringComparison.Ordinal);
            settings[whole ? key : $"{connector}:Pull:{key}"] = value;
        }

        return new PullFactory(settings);
    }

    /// <summary>
    /// Asks for a pull through the API (admin token), expects 202, and waits for it to end; returns its JSON. Retries wait
    /// on the host's clock: pass <paramref name="clock"/> to move it a second per poll so a retried call goes on.
    /// </summary>
    public static async Task<JsonElement> PullAsync(HttpClient client, string system, FakeTimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var started = await client.PostJsonAsync($"/api/systems/{system}/pulls", "{}");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetWithTokenAsync($"/api/systems/{system}/pulls/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var pull = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (pull.GetProperty("status").GetString() != PullStatus.Running)
            {
                return pull;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"pull {id} of {system} still running after 30 s");
            await Task.Delay(50);
            clock?.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The pull completed; when not, the failure shows its errors.</summary>
    public static void AssertCompleted(JsonElement pull) =>
        Assert.True(pull.GetProperty("status").GetString() == PullStatus.Completed, $"pull did not complete: {pull}");

    public static Task<List<RecordEntity>> RecordsAsync(ReconcileFactory factory, string system) => WebhookHost.RecordsAsync(factory, system);

    public static async Task<DateTimeOffset?> WatermarkAsync(ReconcileFactory factory, string system)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        return await db.PullWatermarks.Where(w => w.System == system).Select(w => (DateTimeOffset?)w.Watermark).SingleOrDefaultAsync();
    }
}
