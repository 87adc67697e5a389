using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Ingest;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Workflow;

/// <summary>The real host against the fake Slack, with an exception already posted, and signed clicks as Slack sends them.</summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    private WorkflowHost(FakeSlackApi slack, ReconcileFactory factory, HttpClient client)
    {
        Slack = slack;
        Factory = factory;
        Client = client;
    }

    public FakeSlackApi Slack { get; }
    public ReconcileFactory Factory { get; }
    public HttpClient Client { get; }

    public static async Task<WorkflowHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var slack = await FakeSlackApi.StartAsync();
        var all = new Dictionary<string, string?> { ["Workflow:ReplayRetryDelay"] = "00:00:00.010" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = SlackTestHost.Create(slack, all);
        return new WorkflowHost(slack, factory, factory.CreateClient());
    }

    /// <summary>
    /// Readies a shared host for the next test: waits (up to 20 s) until the outbox has nothing pending, so what earlier
    /// tests queued has reached the fake Slack, then makes the fake forget every call, script and message.
    /// </summary>
    /// <exception cref="TimeoutException">Outbox rows still pending after 20 s.</exception>
    public async Task ResetAsync()
    {
        await SlackTestHost.WaitUntilAsync(async () =>
            !await SlackTestHost.QueryAsync(Factory, db => db.SlackOutbox.AnyAsync(o => o.Status == OutboxStatus.Pending)));
        Slack.Reset();
    }

    /// <summary>Saves the exception, posts it through the outbox, and waits until its message has a ts.</summary>
    public async Task<ExceptionEntity> PostAsync(ExceptionEntity exception)
    {
        await SlackTestHost.OpenAsync(Factory, exception);
        await SlackTestHost.WaitUntilAsync(async () => (await ExceptionAsync(exception.Id)).SlackTs is not null);
        return await ExceptionAsync(exception.Id);
    }

    public Task<ExceptionEntity> ExceptionAsync(long id) =>
        SlackTestHost.QueryAsync(Factory, db => db.Exceptions.AsNoTracking().SingleAsync(e => e.Id == id));

    public Task<List<AuditEventEntity>> AuditAsync(long id) =>
        SlackTestHost.QueryAsync(Factory, db => db.AuditEvents.AsNoTracking().Where(a => a.ExceptionId == id).OrderBy(a => a.Id).ToListAsync());

    public async Task StoreAsync(string system, string json)
    {
        using var scope = Factory.Services.CreateScope();
        using var document = JsonDocument.Parse(json);
        await scope.ServiceProvider.GetRequiredService<RecordStore>().StoreAsync(system, [document.RootElement], null, default);
    }

    public Task<HttpResponseMessage> ClickAsync(string actionId, ExceptionEntity exception, string user, int? version = null) =>
        Client.SendAsync(SlackRequests.Interaction(Click(actionId, exception, user, version ?? exception.Version), Factory.Time.GetUtcNow()));

    public async Task<JsonObject?> SubmitApprovalAsync(long exceptionId, string user, string reason, string corrective)
    {
        var response = await Client.SendAsync(SlackRequests.Interaction(Submission(exceptionId, user, reason, corrective), Factory.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? null : JsonNode.Parse(body)?.AsObject();
    }

    public JsonObject Click(string actionId, ExceptionEntity exception, string user, int version)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var id = exception.Id.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant() },
            ["channel"] = new JsonObject { ["id"] = exception.SlackChannel ?? "C0CRM" },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = exception.SlackTs, ["channel_id"] = exception.SlackChannel },
            ["trigger_id"] = "111.222.valid",
            ["response_url"] = Slack.ResponseUrl($"actions/T1/{id}/{Guid.NewGuid():N}").AbsoluteUri,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = actionId, ["block_id"] = $"recon-{id}-v{version}-actions", ["value"] = id, ["type"] = "button",
            }),
        };
    }

    public static JsonObject Submission(long exceptionId, string user, string reason, string corrective) => new()
    {
        ["type"] = "view_submission",
        ["user"] = new JsonObject { ["id"] = user },
        ["trigger_id"] = "111.222.valid",
        ["view"] = new JsonObject
        {
            ["id"] = "V111",
            ["type"] = "modal",
            ["callback_id"] = ApproveModal.CallbackId,
            ["private_metadata"] = exceptionId.ToString(CultureInfo.InvariantCulture),
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    [ApproveModal.ReasonBlockId] = new JsonObject { [ApproveModal.ReasonActionId] = new JsonObject { ["type"] = "plain_text_input", ["value"] = reason } },
                    [ApproveModal.CorrectiveBlockId] = new JsonObject { [ApproveModal.CorrectiveActionId] = new JsonObject { ["type"] = "plain_text_input", ["value"] = corrective } },
                },
            },
        },
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
