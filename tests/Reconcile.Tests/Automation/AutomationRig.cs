using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Automation;

/// <summary>The real host, a fake Slack and the in-process CRM connector, with one automation rule: missing_in_target in crm.</summary>
internal sealed class AutomationRig : IAsyncDisposable
{
    private AutomationRig(FakeSlackApi slack, ReconcileFactory factory)
    {
        Slack = slack;
        Factory = factory;
        Client = factory.CreateClient();
    }

    public FakeSlackApi Slack { get; }
    public ReconcileFactory Factory { get; }
    public HttpClient Client { get; }

    public static async Task<AutomationRig> StartAsync(string mode, params (string Key, string Value)[] settings)
    {
        var slack = await FakeSlackApi.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Workflow:ReplayRetryDelay"] = "00:00:00.010",
            ["Flows:promo-to-billing:Automation:Mode"] = mode,
            ["Flows:promo-to-billing:Automation:Rules:0:Type"] = "missing_in_target",
            ["Flows:promo-to-billing:Automation:Rules:0:System"] = "crm",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new AutomationRig(slack, SlackTestHost.Create(slack, all));
    }

    /// <summary>Shop orders that neither the CRM nor billing has, old enough to be compared.</summary>
    public async Task IngestShopOnlyAsync(int count, int first = 7000)
    {
        var records = Enumerable.Range(first, count).Select(i => $$"""{"orderId":"{{i}}","currency":"USD","total":10.00,"updatedAt":"2026-11-23T12:00:00Z"}""");
        await Client.PostJsonAsync("/api/systems/shop/records", $$"""{"records":[{{string.Join(",", records)}}]}""");
        Factory.Time.Advance(TimeSpan.FromMinutes(30));
    }

    public Task<List<ExceptionEntity>> ExceptionsAsync(string system) =>
        SlackTestHost.QueryAsync(Factory, db => db.Exceptions.AsNoTracking().Where(e => e.System == system).OrderBy(e => e.Id).ToListAsync());

    public Task<List<AuditEventEntity>> AuditAsync(long? exceptionId) =>
        SlackTestHost.QueryAsync(Factory, db => db.AuditEvents.AsNoTracking().Where(a => a.ExceptionId == exceptionId).OrderBy(a => a.Id).ToListAsync());

    public Task<List<AutomationAttemptEntity>> AttemptsAsync() =>
        SlackTestHost.QueryAsync(Factory, db => db.AutomationAttempts.AsNoTracking().OrderBy(a => a.Id).ToListAsync());

    /// <summary>Waits until every automatic attempt has ended and the count reaches <paramref name="count"/>.</summary>
    public async Task<List<AutomationAttemptEntity>> WaitForAttemptsAsync(int count)
    {
        await SlackTestHost.WaitUntilAsync(async () => (await AttemptsAsync()) is var rows && rows.Count >= count && rows.All(a => a.EndedAt is not null));
        return await AttemptsAsync();
    }

    public IReadOnlyList<RecordedCall> PostsTo(string channel) =>
        [.. Slack.Calls("chat.postMessage").Where(c => c.Text("channel") == channel)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
