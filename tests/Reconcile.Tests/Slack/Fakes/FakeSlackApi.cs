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
/// Posted messages are kept per channel (with their metadata), and conversations.history /
/// conversations.replies answer from them, newest first, as Slack does.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeReply>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<HeldMessage> _held = new();
    private readonly ConcurrentDictionary<string, int> _received = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<FakeReply>> _defaults = new(StringComparer.Ordinal);
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

    /// <summary>The messages Slack holds (every chat.postMessage that posted, whatever it answered), oldest first.</summary>
    public IReadOnlyList<HeldMessage> Held(string? channel = null) =>
        _held.Where(m => channel is null || m.Channel == channel).ToList();

    /// <summary>Every unscripted call of <paramref name="method"/> gets what <paramref name="next"/> returns (a pace, a failure rate).</summary>
    public void Default(string method, Func<FakeReply> next) => _defaults[method] = next;

    /// <summary>Requests of <paramref name="method"/> that have arrived, answered or not (a stalled call counts at once).</summary>
    public int Received(string method) => _received.GetValueOrDefault(method);

    /// <summary>Puts a message in a channel as if an earlier process had posted it.</summary>
    public HeldMessage Hold(string channel, string? threadTs, JsonObject? metadata)
    {
        var message = new HeldMessage(channel, NextTs(), threadTs, metadata, "");
        _held.Enqueue(message);
        return message;
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

    /// <summary>
    /// The first answered <paramref name="method"/> call that <paramref name="match"/> accepts, waiting for it: for a
    /// call that may follow others of the same method whose number the test does not fix (a Home tab published again).
    /// </summary>
    public async Task<RecordedCall> WaitForAsync(string method, Func<RecordedCall, bool> match, int timeoutSeconds = 20)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < timeoutSeconds)
        {
            if (Calls(method).FirstOrDefault(c => c.AnsweredTs is not null && match(c)) is { } call)
            {
                return call;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No {method} call matched; got {Calls(method).Count} calls in all.");
    }

    /// <summary>
    /// Forgets every recorded call, script, default, held message and count, as a fresh fake would have: for a test
    /// that shares the fake (and its host) with the tests before it. The message ts counter runs on, so no ts repeats.
    /// </summary>
    public void Reset()
    {
        _calls.Clear();
        _scripts.Clear();
        _held.Clear();
        _received.Clear();
        _defaults.Clear();
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
        var reply = _scripts.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted) ? scripted
            : _defaults.TryGetValue(method, out var next) ? next() : FakeReply.Ok();
        _received.AddOrUpdate(method, 1, (_, n) => n + 1);
        var posting = method == "chat.postMessage";
        var held = posting && reply.PostsFirst ? HoldPosted(body) : null;
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
        if (posting && answer is null)
        {
            held ??= HoldPosted(body);
            ts = held.Ts;
            answer = new JsonObject { ["ok"] = true, ["channel"] = held.Channel, ["ts"] = held.Ts }.ToJsonString();
        }
        else if (answer is null && method is "conversations.history" or "conversations.replies")
        {
            answer = History(body, method == "conversations.replies").ToJsonString();
        }
        else if (answer is null)
        {
            ts = NextTs();
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

    private HeldMessage HoldPosted(JsonObject body)
    {
        var held = new HeldMessage(body["channel"]?.ToString() ?? "", NextTs(), body["thread_ts"]?.ToString(), body["metadata"]?.DeepClone() as JsonObject, body["text"]?.ToString() ?? "");
        _held.Enqueue(held);
        return held;
    }

    private string NextTs() => string.Create(CultureInfo.InvariantCulture, $"1700000000.{Interlocked.Increment(ref _ts):D6}");

    /// <summary>The channel's messages (or one thread's), newest first; metadata only when include_all_metadata is set.</summary>
    private JsonObject History(JsonObject body, bool replies)
    {
        var channel = body["channel"]?.ToString();
        var thread = body["ts"]?.ToString();
        var metadata = body["include_all_metadata"]?.ToString() == "true";
        var messages = new JsonArray();
        foreach (var m in _held.Where(m => m.Channel == channel && (replies ? m.ThreadTs == thread || m.Ts == thread : m.ThreadTs is null)).Reverse())
        {
            var message = new JsonObject { ["type"] = "message", ["ts"] = m.Ts, ["text"] = m.Text };
            if (metadata && m.Metadata is not null)
            {
                message["metadata"] = m.Metadata.DeepClone();
            }

            messages.Add(message);
        }

        return new JsonObject { ["ok"] = true, ["messages"] = messages, ["has_more"] = false };
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
