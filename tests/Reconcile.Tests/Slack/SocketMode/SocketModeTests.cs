using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Tests.Workflow;

namespace Reconcile.Tests.Slack.SocketMode;

/// <summary>Socket Mode against a fake Slack link on loopback: the same handlers as HTTP, acknowledged within 3 s, and reconnection.</summary>
public sealed class SocketModeTests : IAsyncLifetime
{
    private FakeSlackApi _api = null!;
    private FakeSocketModeServer _link = null!;
    private ReconcileFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        _link = await FakeSocketModeServer.StartAsync();
        _link.Attach(_api);
        _factory = SlackTestHost.Create(_api, new Dictionary<string, string?>
        {
            ["Slack:AppToken"] = "xapp-1-A1-test", ["Slack:SocketModeReconnectDelay"] = "00:00:00.100", ["Slack:Admins:0"] = "U0ADMIN",
        });
        _ = _factory.Services; // starts the host, and with it the Socket Mode client
        await _link.WaitUntilAsync(l => l.Open == 2);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _link.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Two_connections_open_with_the_app_token_and_a_slash_command_is_answered_in_its_acknowledgement()
    {
        Assert.All(_api.Calls("apps.connections.open"), c => Assert.Equal("Bearer xapp-1-A1-test", c.Authorization));
        Assert.Equal(2, _api.Calls("apps.connections.open").Count);

        var (ack, took) = await _link.SendAsync("slash_commands", Command("help"), acceptsResponsePayload: true);

        Assert.True(took < TimeSpan.FromSeconds(3), $"acknowledged after {took.TotalSeconds:F1} s");
        Assert.Equal("ephemeral", ack["payload"]!["response_type"]!.ToString());
        Assert.Contains("`/recon retry [#channel]`", ack["payload"]!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_click_runs_the_same_approve_handler_and_a_modal_submit_answers_in_the_acknowledgement()
    {
        var exception = (await SlackTestHost.OpenAsync(_factory, TestExceptions.Open()))[0];
        await SlackTestHost.WaitUntilAsync(async () => (await Exception(exception.Id)).SlackTs is not null);
        exception = await Exception(exception.Id);

        var (click, took) = await _link.SendAsync("interactive", Click(ExceptionActionIds.Approve, exception, "U0CRM1"));

        Assert.True(took < TimeSpan.FromSeconds(3), $"acknowledged after {took.TotalSeconds:F1} s");
        Assert.Null(click["payload"]);
        var open = Assert.Single(await _api.WaitForAsync("views.open", 1));
        Assert.Equal(ApproveModal.CallbackId, open.Body["view"]!["callback_id"]!.ToString());

        var (tooShort, _) = await _link.SendAsync("interactive", WorkflowHost.Submission(exception.Id, "U0CRM1", "ok", "ok"), acceptsResponsePayload: true);
        Assert.Equal("errors", tooShort["payload"]!["response_action"]!.ToString());
        Assert.NotNull(tooShort["payload"]!["errors"]![ApproveModal.ReasonBlockId]);
        Assert.Equal(ExceptionState.Open, (await Exception(exception.Id)).State);

        var (submitted, _) = await _link.SendAsync("interactive", WorkflowHost.Submission(exception.Id, "U0CRM1", "Customer agreed by phone", "Fixed the promo tag by hand"), acceptsResponsePayload: true);
        Assert.Null(submitted["payload"]);
        await SlackTestHost.WaitUntilAsync(async () => (await Exception(exception.Id)).State == ExceptionState.Resolved);
    }

    [Fact]
    public async Task An_event_reaches_the_same_listener_the_bot_joining_a_channel_reposts_what_was_refused()
    {
        _api.Script("chat.postMessage", FakeReply.Error("not_in_channel"));
        var exception = (await SlackTestHost.OpenAsync(_factory, TestExceptions.Open()))[0];
        await _api.WaitForAsync("chat.postMessage", 1); // the admin's alert

        var (ack, _) = await _link.SendAsync("events_api", new JsonObject
        {
            ["type"] = "event_callback", ["event_id"] = "Ev0SOCKET1", ["team_id"] = "T1",
            ["authorizations"] = new JsonArray(new JsonObject { ["user_id"] = "U0BOT", ["is_bot"] = true }),
            ["event"] = new JsonObject { ["type"] = "member_joined_channel", ["user"] = "U0BOT", ["channel"] = "C0CRM" },
        });

        Assert.NotNull(ack["envelope_id"]);
        Assert.Null(ack["payload"]);
        await SlackTestHost.WaitUntilAsync(async () => (await Exception(exception.Id)).SlackTs is not null);
        Assert.Single(_api.Held("C0CRM"));
    }

    [Fact]
    public async Task A_refresh_request_and_a_dropped_connection_both_reconnect_and_the_app_keeps_serving()
    {
        await _link.RefreshAllAsync();
        await _link.WaitUntilAsync(l => l.Accepted >= 4 && l.Open == 2);

        _link.DropOne();
        await _link.WaitUntilAsync(l => l.Accepted >= 5 && l.Open == 2);

        Assert.Equal(_link.Accepted, _api.Calls("apps.connections.open").Count); // a fresh URL for every connection
        var (ack, _) = await _link.SendAsync("slash_commands", Command("help"), acceptsResponsePayload: true);
        Assert.Equal("ephemeral", ack["payload"]!["response_type"]!.ToString());
    }

    private Task<Reconcile.Data.Entities.ExceptionEntity> Exception(long id) =>
        SlackTestHost.QueryAsync(_factory, db => db.Exceptions.AsNoTracking().SingleAsync(e => e.Id == id));

    private static JsonObject Command(string text) => new()
    {
        ["token"] = "legacy", ["team_id"] = "T1", ["channel_id"] = "C0CAMP", ["user_id"] = "U0CAMP1", ["user_name"] = "pat",
        ["command"] = "/recon", ["text"] = text, ["response_url"] = "http://127.0.0.1:9/commands/T1/1/abc", ["trigger_id"] = "1.2.3", ["api_app_id"] = "A1",
    };

    private JsonObject Click(string actionId, Reconcile.Data.Entities.ExceptionEntity exception, string user)
    {
        var id = exception.Id.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user },
            ["channel"] = new JsonObject { ["id"] = exception.SlackChannel },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = exception.SlackTs, ["channel_id"] = exception.SlackChannel },
            ["trigger_id"] = "111.222.socket",
            ["response_url"] = _api.ResponseUrl($"actions/T1/{id}/socket").AbsoluteUri,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = actionId, ["block_id"] = $"recon-{id}-v{exception.Version}-actions", ["value"] = id, ["type"] = "button",
            }),
        };
    }
}
