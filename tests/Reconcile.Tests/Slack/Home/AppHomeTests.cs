using System.Text.Json.Nodes;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Tests.Workflow;

namespace Reconcile.Tests.Slack.Home;

/// <summary>The Home tab: published on app_home_opened with the viewer's exceptions and buttons, and again when they change.</summary>
public sealed class AppHomeTests
{
    private static readonly Dictionary<string, string?> Fast = new() { ["Slack:HomeRefreshDelay"] = "00:00:00.100" };

    [Fact]
    public async Task Opening_the_home_tab_shows_the_viewers_open_exceptions_overdue_first_with_their_buttons_and_the_owners_week()
    {
        await using var host = await WorkflowHost.StartAsync(Fast);
        var later = await host.PostAsync(TestExceptions.Open(orderId: "2001", valueAtRisk: 10m));
        var overdue = await host.PostAsync(TestExceptions.Open(orderId: "2002", valueAtRisk: 5m, slaDueAt: TestExceptions.Now.AddHours(-2)));
        await host.PostAsync(TestExceptions.Open(orderId: "3001", system: "billing", owner: "finance-ops"));

        await host.Client.SendAsync(SlackRequests.Event(Opened("U0CRM1"), host.Factory.Time.GetUtcNow()));

        // The exceptions just opened may publish the tab once more, with the same content, as the viewer is now known.
        var publish = (await host.Slack.WaitForAsync("views.publish", 1))[0];
        Assert.Equal("U0CRM1", publish.Text("user_id"));
        var view = publish.Body["view"]!.AsObject();
        Assert.Equal("home", view["type"]!.ToString());
        var blocks = view["blocks"]!.AsArray().Select(b => b!.AsObject()).ToList();
        var texts = blocks.Select(b => b["text"]?["text"]?.ToString() ?? "").ToList();
        Assert.Contains("*Your open exceptions* (crm-owner): 2 open, 1 of those shown overdue", texts);
        var lines = texts.Where(t => t.StartsWith("*Field mismatch", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("*Field mismatch · order 2002*", lines[0], StringComparison.Ordinal);
        Assert.Contains(":warning: *overdue*", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("*Field mismatch · order 2001*", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(texts, t => t.Contains("order 3001", StringComparison.Ordinal));
        var actions = blocks.Where(b => b["type"]!.ToString() == "actions").ToList();
        Assert.Equal([$"recon-{overdue.Id}-v{overdue.Version}-actions", $"recon-{later.Id}-v{later.Version}-actions"], actions.Select(a => a["block_id"]!.ToString()));
        Assert.Equal(ExceptionActionIds.All, actions[0]["elements"]!.AsArray().Select(e => e!["action_id"]!.ToString()));
        Assert.Contains("• *crm-owner*: 2 open (1 overdue), 2 opened, 0 resolved · 15.00 at risk", texts.Single(t => t.StartsWith("*Your owners this week*", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain(texts, t => t.StartsWith("*Flows*", StringComparison.Ordinal)); // not an admin
    }

    [Fact]
    public async Task An_admin_sees_each_flows_last_run_and_mode()
    {
        await using var host = await WorkflowHost.StartAsync(Fast);

        await host.Client.SendAsync(SlackRequests.Event(Opened("U0ADMIN"), host.Factory.Time.GetUtcNow()));

        var publish = Assert.Single(await host.Slack.WaitForAsync("views.publish", 1));
        var texts = publish.Body["view"]!["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.ToString() ?? "").ToList();
        Assert.Contains(texts, t => t.StartsWith("*Flows* (admins)\n• *promo-to-billing* · Live · never run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_tab_is_published_again_when_the_viewers_exceptions_change_and_the_messages_tab_is_ignored()
    {
        await using var host = await WorkflowHost.StartAsync(Fast);
        var exception = await host.PostAsync(TestExceptions.Open());
        await host.Client.SendAsync(SlackRequests.Event(Opened("U0ADMIN", tab: "messages"), host.Factory.Time.GetUtcNow()));
        await host.Client.SendAsync(SlackRequests.Event(Opened("U0CRM1"), host.Factory.Time.GetUtcNow()));
        var first = (await host.Slack.WaitForAsync("views.publish", 1))[0];
        Assert.Equal("U0CRM1", first.Text("user_id"));
        Assert.Contains("order 1042", first.Body.ToJsonString(), StringComparison.Ordinal);

        await host.SubmitApprovalAsync(exception.Id, "U0CRM1", "Customer agreed by phone", "Fixed the promo tag by hand");

        // The exception's opening may publish the tab a second time before the approval does: wait for the content.
        const string NoneOpen = "*Your open exceptions* (crm-owner): 0 open, 0 of those shown overdue";
        var second = await host.Slack.WaitForAsync("views.publish", c => Texts(c).Contains(NoneOpen));
        Assert.Equal("U0CRM1", second.Text("user_id"));
        var texts = Texts(second);
        Assert.Contains(NoneOpen, texts);
        Assert.Contains(texts, t => t.Contains("0 open (0 overdue), 1 opened, 1 resolved", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Slack.Calls("views.publish"), c => c.Text("user_id") == "U0ADMIN");
    }

    private static List<string> Texts(RecordedCall publish) =>
        [.. publish.Body["view"]!["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.ToString() ?? "")];

    private static JsonObject Opened(string user, string tab = "home") => new()
    {
        ["type"] = "app_home_opened", ["user"] = user, ["channel"] = "D0HOME", ["tab"] = tab, ["event_ts"] = "1700000000.000100",
    };
}
