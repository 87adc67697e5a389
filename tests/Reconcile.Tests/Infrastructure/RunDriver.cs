using System.Net;
using System.Text.Json;

namespace Reconcile.Tests.Infrastructure;

/// <summary>Starts a run over HTTP and waits for it to finish, as an operator's script would.</summary>
public static class RunDriver
{
    public static async Task<JsonElement> RunAsync(HttpClient client, string flow = "promo-to-billing", bool full = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        var started = await client.PostJsonAsync($"/api/flows/{flow}/runs{(full ? "?full=true" : "")}", "{}");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var run = JsonDocument.Parse(await (await client.GetWithTokenAsync($"/api/runs/{id}")).Content.ReadAsStringAsync()).RootElement;
            if (run.GetProperty("status").GetString() != "running")
            {
                Assert.Equal("completed", run.GetProperty("status").GetString());
                return run;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"run {id} did not finish");
    }
}
