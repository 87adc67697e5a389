using System.Collections.Concurrent;
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

namespace Reconcile.Tests.Slack.Fakes;

/// <summary>
/// A real Kestrel server on loopback that answers like Slack's Web API (ok:true with a ts), records
/// every call, and can be scripted per method. response_urls point at /hooks/… on the same server.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeReply>> _scripts = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private int _ts;

    public string Root { get; private set; } = "";
    public string BaseUrl => Root + "api/";

    public static async Task<FakeSlackApi> StartAsync()
    {
        var fake = new FakeSlackApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/api/{method}", (HttpContext http, string method) => fake.AnswerAsync(http, method));
        app.MapPost("/hooks/{**path}", (HttpContext http) => fake.AnswerAsync(http, "response_url"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Root = address.TrimEnd('/') + "/";
        fake._app = app;
        return fake;
    }

    /// <summary>The fake's monotonic clock, the same one <see cref="RecordedCall.ReceivedAt"/> is read from.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public Uri ResponseUrl(string name) => new(Root + "hooks/" + name);

    /// <summary>The next calls of <paramref name="method"/> get these answers, in order; then ok again.</summary>
    public void Script(string method, params FakeReply[] replies)
    {
        var queue = _scripts.GetOrAdd(method, _ => new ConcurrentQueue<FakeReply>());
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }
    }

    public IReadOnlyList<RecordedCall> Calls(string? method = null) =>
        _calls.Where(c => method is null || c.Method == method).ToList();

    public async Task<IReadOnlyList<RecordedCall>> WaitForAsync(string method, int count, int timeoutSeconds = 20)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < timeoutSeconds)
        {
            var calls = Calls(method).Where(c => c.AnsweredTs is not null).ToList();
            if (calls.Count >= count)
            {
                return calls;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Expected {count} successful {method} calls; got {Calls(method).Count} calls in all.");
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
        var receivedAt = _clock.Elapsed;
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync();
        var body = ParseBody(http.Request.ContentType, text);
        var reply = _scripts.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted) ? scripted : FakeReply.Ok();
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                _calls.Enqueue(new RecordedCall(method, http.Request.Headers.Authorization.ToString(), http.Request.ContentType, body, 499, null) { ReceivedAt = receivedAt });
                return;
            }
        }

        string? ts = null;
        var answer = reply.Body;
        if (answer is null)
        {
            ts = string.Create(CultureInfo.InvariantCulture, $"1700000000.{Interlocked.Increment(ref _ts):D6}");
            answer = method == "response_url"
                ? "ok"
                : new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.ToString(), ["ts"] = ts, ["users"] = new JsonArray("U0CRM1") }.ToJsonString();
        }

        _calls.Enqueue(new RecordedCall(method, http.Request.Headers.Authorization.ToString(), http.Request.ContentType, body, reply.Status, ts) { ReceivedAt = receivedAt });
        http.Response.StatusCode = reply.Status;
        if (reply.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        http.Response.ContentType = answer.StartsWith('{') ? "application/json; charset=utf-8" : "text/plain";
        await http.Response.WriteAsync(answer);
    }

    private static JsonObject ParseBody(string? contentType, string text)
    {
        if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            return JsonNode.Parse(text) as JsonObject ?? [];
        }

        var form = new JsonObject();
        foreach (var (key, value) in new FormReader(text).ReadForm())
        {
            form[key] = value.ToString();
        }

        return form;
    }
}
