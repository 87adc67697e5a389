using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Reconcile.Benchmarks.Latency;

/// <summary>
/// Click latency while full runs are in progress: N simulated orders × 3 systems, a first full run that opens the
/// exceptions and posts them (to <see cref="BenchmarkSlack"/>), then back-to-back full runs of promo-to-billing
/// started through <c>POST /api/flows/{flow}/runs?full=true</c> while signed <c>block_actions</c> clicks on those
/// posted exceptions arrive at a fixed rate. Details opens the evidence modal; Approve (by a member of the owner)
/// opens the reason modal — each calls views.open with the click's trigger_id, and neither changes an exception.
/// </summary>
internal static class ClickLoad
{
    public const string Flow = "promo-to-billing";
    private const string SigningSecret = "latency-signing-secret";

    public static async Task<(LatencyResult Result, RunKeeper Runs)> RunAsync(ServiceUnderLoad service, LatencyOptions options, TextWriter output)
    {
        await using var slack = await BenchmarkSlack.StartAsync();
        var loading = System.Diagnostics.Stopwatch.StartNew();
        await service.SimulateAsync(options.Orders);
        output.WriteLine(FormattableString.Invariant($"loaded {options.Orders:N0} simulated orders × 3 systems in {loading.Elapsed.TotalSeconds:F1} s"));
        service.Environment["Slack__ApiBaseUrl"] = slack.BaseUrl;
        service.Environment["Slack__BotToken"] = "xoxb-latency-driver";
        service.Environment["Slack__SigningSecret"] = SigningSecret;
        // The fake Slack has no rate limit, so the posts of the first run reach it quickly and give the clicks their targets.
        service.Environment["Slack__ChannelPostInterval"] = "00:00:00.005";
        service.Environment["Slack__OutboxPollInterval"] = "00:00:00.200";
        service.Environment[$"Flows__{Flow}__MaxExceptionRate"] = "1";
        await service.StartAsync();
        using var client = LatencyClient.Create(service.Address);
        var runs = new RunKeeper(client, Flow);

        var first = await runs.RunOnceAsync();
        output.WriteLine($"first full run (opens and posts the exceptions): {first}");
        var targets = await PostedException.WaitAsync(service.DatabasePath, 500, TimeSpan.FromSeconds(180));
        output.WriteLine(FormattableString.Invariant($"clicking {options.Button} on {targets.Count} posted open exceptions"));
        var members = Members();
        HttpRequestMessage Build(int i) => Click(slack, targets[i % targets.Count], options.Button, members);

        var warmup = 0;
        if (options.WarmupSeconds > 0)
        {
            var (warmed, warm) = await OpenLoop.RampAsync(client, options.Rate, options.WarmupSeconds, options.Timeout, Build);
            warmup = warmed;
            output.WriteLine($"warm-up ({options.WarmupSeconds} s rising to {options.Rate}/s, no run in progress, not counted), its last third: {warm.Figures()}");
        }

        LatencyOptions.PrintLoad(output, "before");
        var viewsBefore = slack.Calls("views.open");
        var keeping = runs.KeepRunningAsync();
        await runs.FirstStarted;
        var result = await new OpenLoop(client, options.Rate, options.Timeout).RunAsync(options.Rate * options.Seconds, i => Build(warmup + i), runs.Sent);
        await runs.StopAsync(keeping);
        LatencyOptions.PrintLoad(output, "after");
        output.WriteLine(FormattableString.Invariant(
            $"runs during the clicks: {runs.Completed.Count} ({string.Join("; ", runs.Completed)}); clicks sent while a run was in progress: {runs.Overlapped}/{result.Sent}"));
        output.WriteLine(FormattableString.Invariant($"views.open calls from the clicks: {slack.Calls("views.open") - viewsBefore}; errors: {result.ErrorBreakdown()}"));
        return (result, runs);
    }

    /// <summary>A click as Slack sends it: form-encoded <c>payload=</c>, X-Slack-Request-Timestamp and a v0 signature (api.slack.com "Verifying requests from Slack").</summary>
    private static HttpRequestMessage Click(BenchmarkSlack slack, PostedException target, string button, IReadOnlyDictionary<string, string> members)
    {
        var id = target.Id.ToString(CultureInfo.InvariantCulture);
        // Approve and Escalate are clicked by a member of the owner, so they are allowed; Details by anyone.
        var user = button is "approve" or "escalate" ? members.GetValueOrDefault(target.Owner, "U0ADMIN") : "U0CAMP1";
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant() },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
            ["api_app_id"] = "A1",
            ["channel"] = new JsonObject { ["id"] = target.Channel },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = target.Ts, ["channel_id"] = target.Channel },
            ["message"] = new JsonObject { ["ts"] = target.Ts },
            ["trigger_id"] = string.Create(CultureInfo.InvariantCulture, $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}.1.{Guid.NewGuid():N}"),
            ["response_url"] = slack.ResponseUrl($"actions/T1/{id}/{Guid.NewGuid():N}"),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = $"recon.{button}",
                ["block_id"] = $"recon-{id}-v{target.Version}-actions", ["value"] = id, ["type"] = "button",
                ["action_ts"] = "1700000000.000001",
            }),
        };
        var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("slack/interactions", UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return request;
    }

    /// <summary>The first member of each owner in the example topology, who may approve that owner's exceptions.</summary>
    private static Dictionary<string, string> Members()
    {
        var owners = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.sample.json")).Build().GetSection("Owners");
        return owners.GetChildren().Where(o => o["Members:0"] is not null).ToDictionary(o => o.Key, o => o["Members:0"]!, StringComparer.Ordinal);
    }
}
