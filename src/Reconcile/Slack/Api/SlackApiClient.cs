using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Reconcile.Hosting;
using Reconcile.Slack.Blocks;

namespace Reconcile.Slack.Api;

/// <summary>
/// The Slack Web API methods Reconcile uses, as a typed HttpClient. Every call goes through
/// <see cref="SlackApiPipeline"/>, checks <c>ok</c>, and throws <see cref="SlackApiException"/> when it is false.
/// </summary>
public sealed class SlackApiClient(
    HttpClient http,
    SlackApiPipeline pipeline,
    ChannelPostLimiter limiter,
    IOptions<SlackOptions> options,
    ILogger<SlackApiClient> logger)
{
    public Task<SlackApiResponse> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken) =>
        PostMessageAsync(channel, message, threadTs, null, cancellationToken);

    /// <summary>
    /// chat.postMessage, with <paramref name="mark"/> in the message metadata when given. Only a rate limit is
    /// retried here (see <see cref="SlackApiPipeline.PostPipeline"/>): a timeout or 5xx may have posted already.
    /// </summary>
    public Task<SlackApiResponse> PostMessageAsync(string channel, SlackMessage message, string? threadTs, MessageMark? mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.ToJson();
        body["channel"] = channel;
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        // A text-only message (the fallback after invalid_blocks) sends no blocks at all, not an empty list.
        if (body["blocks"] is JsonArray { Count: 0 })
        {
            body.Remove("blocks");
        }

        if (mark is not null)
        {
            body["metadata"] = mark.ToMetadata();
        }

        return SendAsync("chat.postMessage", () => Authorized(new HttpRequestMessage(HttpMethod.Post, "chat.postMessage") { Content = JsonContent(body) }), channel, expectJson: true, pipeline.PostPipeline, cancellationToken);
    }

    /// <summary>
    /// The ts of the message carrying <paramref name="mark"/> in <paramref name="channel"/> (in the thread of
    /// <paramref name="threadTs"/> when given), or null when none of the latest messages carries it. Reads
    /// conversations.history / conversations.replies (scopes channels:history, groups:history), newest first,
    /// up to 1,000 messages since shortly before the row was written.
    /// </summary>
    public async Task<string?> FindMarkedAsync(string channel, string? threadTs, MessageMark mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mark);
        string? cursor = null;
        for (var page = 0; page < 5; page++)
        {
            var form = new Dictionary<string, string> { ["channel"] = channel, ["limit"] = "200", ["include_all_metadata"] = "true", ["oldest"] = mark.Oldest };
            if (threadTs is not null)
            {
                form["ts"] = threadTs;
            }

            if (cursor is not null)
            {
                form["cursor"] = cursor;
            }

            var answer = await CallFormAsync(threadTs is null ? "conversations.history" : "conversations.replies", form, cancellationToken);
            if (answer.Body.TryGetProperty("messages", out var messages) && messages.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var message in messages.EnumerateArray().Where(mark.IsOn))
                {
                    return message.GetProperty("ts").GetString();
                }
            }

            cursor = answer.Body.TryGetProperty("response_metadata", out var metadata) && metadata.ValueKind == System.Text.Json.JsonValueKind.Object
                && metadata.TryGetProperty("next_cursor", out var next) && next.ValueKind == System.Text.Json.JsonValueKind.String ? next.GetString() : null;
            if (string.IsNullOrEmpty(cursor))
            {
                break;
            }
        }

        return null;
    }

    /// <summary>Replaces the whole message; blocks are always sent so stale buttons never survive an update.</summary>
    public Task<SlackApiResponse> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.ToJson();
        body["channel"] = channel;
        body["ts"] = ts;
        return CallAsync("chat.update", body, null, cancellationToken);
    }

    public Task<SlackApiResponse> PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.ToJson();
        body["channel"] = channel;
        body["user"] = user;
        return CallAsync("chat.postEphemeral", body, null, cancellationToken);
    }

    /// <summary>
    /// views.open: exactly one attempt, cut off after <see cref="SlackOptions.ViewsOpenBudget"/>, never retried —
    /// the trigger_id expires 3 s after the click, so a retry could only fail. Throws <see cref="SlackApiException"/>
    /// with <c>timeout</c> when the budget runs out, <c>unreachable</c>, or Slack's own error (e.g. <c>expired_trigger_id</c>).
    /// Source: Slack's views.open reference.
    /// </summary>
    public async Task<SlackApiResponse> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        const string method = "views.open";
        var body = new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() };
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.ViewsOpenBudget);
        SlackApiResponse response;
        try
        {
            using var message = Authorized(new HttpRequestMessage(HttpMethod.Post, method) { Content = JsonContent(body) });
            using var answer = await http.SendAsync(message, budget.Token);
            response = await SlackApiResponse.ReadAsync(answer, expectJson: true, budget.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Slack {SlackMethod} did not answer within {Budget}", method, options.Value.ViewsOpenBudget);
            throw new SlackApiException(method, "timeout", transient: true, [], ex);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Slack {SlackMethod} unreachable: {Reason}", method, ex.Message);
            throw new SlackApiException(method, "unreachable", transient: true, [], ex);
        }

        if (response.Ok)
        {
            return response;
        }

        logger.LogWarning("Slack {SlackMethod} refused: {SlackError} {SlackMessages}", method, response.Error, response.Messages);
        throw new SlackApiException(method, response.Error ?? "unknown", SlackErrors.IsTransient(response), response.Messages);
    }

    /// <summary>views.publish: sets <paramref name="userId"/>'s Home tab to <paramref name="view"/> (a <c>home</c> view). Source: Slack's views.publish reference.</summary>
    public Task<SlackApiResponse> PublishViewAsync(string userId, JsonObject view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        return CallAsync("views.publish", new JsonObject { ["user_id"] = userId, ["view"] = view.DeepClone() }, null, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> UserGroupUsersAsync(string userGroup, CancellationToken cancellationToken)
    {
        var response = await CallFormAsync("usergroups.users.list", new() { ["usergroup"] = userGroup }, cancellationToken);
        return response.Body.TryGetProperty("users", out var users) && users.ValueKind == System.Text.Json.JsonValueKind.Array
            ? users.EnumerateArray().Select(u => u.GetString() ?? "").Where(u => u.Length > 0).ToList()
            : [];
    }

    /// <summary>
    /// apps.connections.open: a fresh Socket Mode WebSocket URL (single use; call again for every reconnect). The
    /// app-level token goes in the Authorization header, never in the body (Slack's apps.connections.open reference).
    /// Throws <see cref="SlackApiException"/> on refusal (e.g. <c>invalid_auth</c>) or when no URL comes back.
    /// </summary>
    public async Task<Uri> OpenSocketModeAsync(CancellationToken cancellationToken)
    {
        const string method = "apps.connections.open";
        var answer = await SendAsync(method, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent([]) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AppToken);
            return request;
        }, null, expectJson: true, null, cancellationToken);
        return Uri.TryCreate(answer.Property("url"), UriKind.Absolute, out var url) && (url.Scheme == "wss" || url.Scheme == "ws")
            ? url
            : throw new SlackApiException(method, "invalid_response", transient: true, ["no WebSocket url in the answer"]);
    }

    public Task<SlackApiResponse> AuthTestAsync(CancellationToken cancellationToken) =>
        CallFormAsync("auth.test", [], cancellationToken);

    /// <summary>
    /// Slack's external upload flow: files.getUploadURLExternal, then the bytes POSTed to the upload_url it
    /// returns, then files.completeUploadExternal shares the file into the channel (and thread). A retry of
    /// the whole flow starts again at step one; an upload that was never completed simply expires at Slack.
    /// </summary>
    public async Task<SlackApiResponse> UploadFileAsync(
        string channel, string? threadTs, string fileName, string title, string altText, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var form = new Dictionary<string, string> { ["filename"] = fileName, ["length"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (altText.Length > 0)
        {
            form["alt_txt"] = altText;
        }

        var ticket = await CallFormAsync("files.getUploadURLExternal", form, cancellationToken);
        if (ticket.Property("upload_url") is not { } uploadUrl || ticket.Property("file_id") is not { } fileId
            || !Uri.TryCreate(uploadUrl, UriKind.Absolute, out var target))
        {
            throw new SlackApiException("files.getUploadURLExternal", "invalid_response", transient: false, ["no upload_url or file_id in the answer"]);
        }

        // The upload URL is pre-signed; the bot token is not sent to it.
        await SendAsync("files.upload_url", () => new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(content) }, null, expectJson: false, null, cancellationToken);
        var complete = new Dictionary<string, string>
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = title }).ToJsonString(),
            ["channel_id"] = channel,
        };
        if (threadTs is not null)
        {
            complete["thread_ts"] = threadTs;
        }

        return await SendAsync("files.completeUploadExternal", () => Authorized(new HttpRequestMessage(HttpMethod.Post, "files.completeUploadExternal") { Content = new FormUrlEncodedContent(complete) }), channel, expectJson: true, null, cancellationToken);
    }

    /// <summary>Answers through an interaction's or command's response_url (no token; Slack answers plain "ok").</summary>
    public Task<SlackApiResponse> PostToResponseUrlAsync(Uri responseUrl, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return SendAsync("response_url", () => new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = JsonContent(body) }, null, expectJson: false, null, cancellationToken);
    }

    private Task<SlackApiResponse> CallAsync(string method, JsonObject body, string? rateLimitedChannel, CancellationToken cancellationToken) =>
        SendAsync(method, () => Authorized(new HttpRequestMessage(HttpMethod.Post, method) { Content = JsonContent(body) }), rateLimitedChannel, expectJson: true, null, cancellationToken);

    // usergroups.users.list, auth.test and the files.* upload methods take form parameters, not JSON.
    private Task<SlackApiResponse> CallFormAsync(string method, Dictionary<string, string> form, CancellationToken cancellationToken) =>
        SendAsync(method, () => Authorized(new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(form) }), null, expectJson: true, null, cancellationToken);

    private async Task<SlackApiResponse> SendAsync(
        string method, Func<HttpRequestMessage> request, string? rateLimitedChannel, bool expectJson,
        Polly.ResiliencePipeline<SlackApiResponse>? retries, CancellationToken cancellationToken)
    {
        // One span per Slack call, retries included; the HTTP attempts are its children.
        using var activity = ReconcileTracing.Source.StartActivity(ReconcileTracing.SlackApiPrefix + method, ActivityKind.Client);
        activity?.SetTag(ReconcileTracing.SlackMethod, method);
        activity?.SetTag(ReconcileTracing.SlackChannel, rateLimitedChannel);
        SlackApiResponse response;
        try
        {
            response = await (retries ?? pipeline.Pipeline).ExecuteAsync(
                async token =>
                {
                    if (rateLimitedChannel is null)
                    {
                        using var unlimited = request();
                        using var reply = await http.SendAsync(unlimited, token);
                        return await SlackApiResponse.ReadAsync(reply, expectJson, token);
                    }

                    await limiter.WaitTurnAsync(rateLimitedChannel, token);
                    try
                    {
                        using var message = request();
                        using var answer = await http.SendAsync(message, token);
                        return await SlackApiResponse.ReadAsync(answer, expectJson, token);
                    }
                    finally
                    {
                        limiter.Answered(rateLimitedChannel);
                    }
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            logger.LogWarning("Slack {SlackMethod} unreachable: {Reason}", method, ex.Message);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw new SlackApiException(method, ex is HttpRequestException ? "unreachable" : "timeout", transient: true, [], ex);
        }

        if (response.Ok)
        {
            if (response.Warnings is { Count: > 0 } warnings)
            {
                logger.LogWarning("Slack {SlackMethod} answered ok with warnings: {SlackWarnings}", method, string.Join(", ", warnings));
            }

            activity?.SetTag(ReconcileTracing.SlackMessageTs, response.Property("ts"));
            return response;
        }

        activity?.SetTag(ReconcileTracing.SlackError, response.Error);
        activity?.SetStatus(ActivityStatusCode.Error, response.Error);

        var transient = SlackErrors.IsTransient(response);
        if (transient)
        {
            logger.LogWarning("Slack {SlackMethod} still failing after retries: {SlackError}", method, response.Error);
        }
        else
        {
            logger.LogError("Slack {SlackMethod} refused: {SlackError} {SlackMessages}", method, response.Error, response.Messages);
        }

        throw new SlackApiException(method, response.Error ?? "unknown", transient, response.Messages);
    }

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BotToken);
        return request;
    }

    private static StringContent JsonContent(JsonObject body)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        return content;
    }
}
