using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Reconcile.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket from connect to close. Each envelope is handled on its own task so a slow command
/// never holds up the next frame, and acknowledged with its envelope_id (plus the answer's payload) as soon as the
/// shared handlers return — they keep within Slack's 3 s. Returns how the connection ended.
/// </summary>
internal sealed class SocketModeConnection(SocketModeDispatch dispatch, ILogger logger, int index) : IDisposable
{
    private const int MaxFrameBytes = 4 * 1024 * 1024;
    private readonly SemaphoreSlim _send = new(1, 1);

    /// <summary>Why a connection ended: Slack asked for a refresh (<c>disconnect</c>), or it dropped.</summary>
    public enum Outcome
    {
        Refresh,
        Dropped,
    }

    /// <summary>Raised when Slack's <c>hello</c> arrives: the connection is serving.</summary>
    public event EventHandler? Connected;

    public async Task<Outcome> RunAsync(Uri url, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        // Client pings; a peer that stops answering pongs closes the socket instead of leaving it silent for ever.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(10);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        await socket.ConnectAsync(url, cancellationToken);
        var pending = new List<Task>();
        try
        {
            while (socket.State == WebSocketState.Open && !cancellationToken.IsCancellationRequested)
            {
                var text = await ReceiveTextAsync(socket, cancellationToken);
                if (text is null)
                {
                    return Outcome.Dropped;
                }

                var envelope = SocketModeEnvelope.Parse(text);
                switch (envelope?.Type)
                {
                    case null:
                        logger.LogWarning("Socket Mode connection {Connection}: unreadable frame skipped", index);
                        break;
                    case SocketModeEnvelope.Hello:
                        logger.LogInformation("Socket Mode connection {Connection} is serving", index);
                        Connected?.Invoke(this, EventArgs.Empty);
                        break;
                    case SocketModeEnvelope.Disconnect:
                        logger.LogInformation("Socket Mode connection {Connection}: Slack asks to reconnect ({Reason})", index, envelope.Reason);
                        return Outcome.Refresh;
                    default:
                        pending.RemoveAll(t => t.IsCompleted);
                        pending.Add(AnswerAsync(socket, envelope, cancellationToken));
                        break;
                }
            }

            return Outcome.Dropped;
        }
        finally
        {
            // Envelopes already taken are still acknowledged on this socket if it is open; Slack redelivers the rest.
            await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(3), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await CloseAsync(socket);
        }
    }

    public void Dispose() => _send.Dispose();

    private async Task AnswerAsync(ClientWebSocket socket, SocketModeEnvelope envelope, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var ack = new JsonObject { ["envelope_id"] = envelope.EnvelopeId };
        try
        {
            if (await dispatch.AnswerAsync(envelope, cancellationToken) is { } payload)
            {
                ack["payload"] = payload;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The person still gets an acknowledgement (no Slack error dialog); the failure is for operators.
            logger.LogError(ex, "Socket Mode {EnvelopeType} envelope {EnvelopeId} failed", envelope.Type, envelope.EnvelopeId);
        }

        if (envelope.EnvelopeId is null)
        {
            return;
        }

        try
        {
            // One frame at a time: a WebSocket allows only one send in flight.
            await _send.WaitAsync(cancellationToken);
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                }
            }
            finally
            {
                _send.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            logger.LogWarning("Socket Mode connection {Connection}: acknowledgement of {EnvelopeId} lost ({Reason}); Slack will redeliver", index, envelope.EnvelopeId, ex.Message);
        }
    }

    private static async Task<string?> ReceiveTextAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken);
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > MaxFrameBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted, "Socket Mode frame larger than 4 MB");
            }

            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    private static async Task CloseAsync(ClientWebSocket socket)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Already gone: nothing to close.
            }
        }
    }
}
