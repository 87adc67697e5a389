using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reconcile.Benchmarks.Latency;

/// <summary>
/// A stand-in for Slack's Web API on loopback, so the service posts, updates and opens views without leaving the
/// machine: every method answers <c>{"ok":true}</c> at once with a fresh <c>ts</c>, the channel it was given, the
/// bot's identity (auth.test) and empty lists; response_urls (<c>/hooks/…</c>) answer "ok". Counts calls per method.
/// </summary>
internal sealed class BenchmarkSlack : IAsyncDisposable
{
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _ts;

    /// <summary>The Web API base, e.g. <c>http://127.0.0.1:40123/api/</c>, for <c>Slack:ApiBaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where a click's response_url should point (on this fake, never on Slack).</summary>
    public string ResponseUrl(string name) => BaseUrl.Replace("/api/", "/hooks/", StringComparison.Ordinal) + name;

    public static async Task<BenchmarkSlack> StartAsync()
    {
        var fake = new BenchmarkSlack();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/api/{method}", (HttpContext http, string method) => fake.AnswerAsync(http, method));
        app.MapPost("/hooks/{**path}", (HttpContext http) => fake.AnswerAsync(http, "response_url"));
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/api/";
        fake._app = app;
        return fake;
    }

    /// <summary>How many calls of <paramref name="method"/> arrived (views.open, chat.postMessage, response_url …).</summary>
    public int Calls(string method)
    {
        lock (_calls)
        {
            return _calls.GetValueOrDefault(method);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task AnswerAsync(HttpContext http, string method)
    {
        var text = await new StreamReader(http.Request.Body).ReadToEndAsync();
        lock (_calls)
        {
            _calls[method] = _calls.GetValueOrDefault(method) + 1;
        }

        if (method == "response_url")
        {
            await http.Response.WriteAsync("ok");
            return;
        }

        var channel = http.Request.HasFormContentType ? QueryHelpers.ParseQuery(text).GetValueOrDefault("channel").ToString() : ChannelOf(text);
        var ts = string.Create(CultureInfo.InvariantCulture, $"1700000000.{Interlocked.Increment(ref _ts):D6}");
        var answer = new JsonObject
        {
            ["ok"] = true, ["channel"] = channel, ["ts"] = ts, ["user_id"] = "U0BOT", ["bot_id"] = "B0BOT", ["team_id"] = "T1",
            ["users"] = new JsonArray(), ["messages"] = new JsonArray(), ["has_more"] = false,
        };
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(answer.ToJsonString());
    }

    private static string? ChannelOf(string json)
    {
        try
        {
            return json.Length > 0 ? JsonNode.Parse(json)?["channel"]?.ToString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
