using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reconcile.Tests.Slack.Fakes;

/// <summary>
/// Slack's Socket Mode end on loopback (ASP.NET Core WebSockets): each connection gets <c>hello</c>, then the test
/// sends envelopes and reads the acknowledgements, asks for a refresh (<c>disconnect</c>) or drops a connection.
/// <see cref="Attach"/> makes the fake Web API answer apps.connections.open with a fresh ticket URL here.
/// </summary>
public sealed class FakeSocketModeServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, Link> _links = new();
    private readonly ConcurrentDictionary<string, JsonObject> _acks = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _tickets;
    private int _accepted;

    public string Root { get; private set; } = "";

    /// <summary>Connections accepted so far (every reconnect counts).</summary>
    public int Accepted => _accepted;

    /// <summary>Connections open now.</summary>
    public int Open => _links.Values.Count(l => l.Socket.State == WebSocketState.Open);

    public static async Task<FakeSocketModeServer> StartAsync()
    {
        var fake = new FakeSocketModeServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/link", fake.AcceptAsync);
        await app.StartAsync();
        fake.Root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/');
        fake._app = app;
        return fake;
    }

    public void Attach(FakeSlackApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.Default("apps.connections.open", () => new FakeReply(200, new JsonObject
        {
            ["ok"] = true, ["url"] = $"{Root}/link/?ticket={Interlocked.Increment(ref _tickets)}&app_id=A1",
        }.ToJsonString()));
    }

    /// <summary>Sends an envelope on an open connection and waits for its acknowledgement (and how long it took).</summary>
    public async Task<(JsonObject Ack, TimeSpan Took)> SendAsync(string type, JsonObject payload, bool acceptsResponsePayload = false, int timeoutSeconds = 10)
    {
        var id = Guid.NewGuid().ToString();
        var envelope = new JsonObject
        {
            ["envelope_id"] = id, ["type"] = type, ["payload"] = payload, ["accepts_response_payload"] = acceptsResponsePayload,
        };
        var link = _links.Values.First(l => l.Socket.State == WebSocketState.Open);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await link.SendAsync(envelope);
        while (clock.Elapsed.TotalSeconds < timeoutSeconds)
        {
            if (_acks.TryRemove(id, out var ack))
            {
                return (ack, clock.Elapsed);
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No acknowledgement of {type} envelope {id}.");
    }

    /// <summary>Asks every open connection to reconnect, as Slack does before it refreshes a link.</summary>
    public async Task RefreshAllAsync(string reason = "refresh_requested")
    {
        foreach (var link in _links.Values.Where(l => l.Socket.State == WebSocketState.Open).ToList())
        {
            try
            {
                await link.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "applink-fake" } });
            }
            catch (Exception ex) when (ex is ObjectDisposedException or WebSocketException)
            {
                // The client closed this link (reconnecting after an earlier refresh) between the look and the send: it needs no refresh.
            }
        }
    }

    /// <summary>Cuts one open connection without a word (a network drop).</summary>
    public void DropOne() => _links.Values.First(l => l.Socket.State == WebSocketState.Open).Socket.Abort();

    public async Task WaitUntilAsync(Func<FakeSocketModeServer, bool> condition, int timeoutSeconds = 15)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition(this))
        {
            if (clock.Elapsed.TotalSeconds > timeoutSeconds)
            {
                throw new TimeoutException($"Socket Mode condition not met: {Open} open, {Accepted} accepted.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var link in _links.Values)
        {
            link.Socket.Abort();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || http.Request.Query["ticket"].Count == 0)
        {
            http.Response.StatusCode = 400;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var number = Interlocked.Increment(ref _accepted);
        using var link = new Link(socket);
        _links[number] = link;
        await link.SendAsync(new JsonObject { ["type"] = "hello", ["num_connections"] = Open, ["connection_info"] = new JsonObject { ["app_id"] = "A1" } });
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, http.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count)) is JsonObject ack && ack["envelope_id"]?.ToString() is { } id)
                {
                    _acks[id] = ack;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away: the test looks at Open and Accepted.
        }
        finally
        {
            _links.TryRemove(number, out _);
        }
    }

    private sealed class Link(WebSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim _send = new(1, 1);

        public WebSocket Socket { get; } = socket;

        public void Dispose() => _send.Dispose();

        public async Task SendAsync(JsonObject frame)
        {
            await _send.WaitAsync();
            try
            {
                await Socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _send.Release();
            }
        }
    }
}
