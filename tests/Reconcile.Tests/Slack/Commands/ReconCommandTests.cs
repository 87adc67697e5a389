using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Slack.Commands;

/// <summary>/recon through the real host, answered in the response body as an ephemeral message.</summary>
[Collection(DefaultHost.Name)]
public sealed class ReconCommandTests(ReconcileFactory factory)
{
    [Fact]
    public async Task Status_shows_last_run_match_rates_and_open_and_overdue_exceptions_by_owner_and_type()
    {
        using var client = factory.CreateClient();
        var now = factory.Time.GetUtcNow();
        await factory.SeedAsync(
            Run(now.AddDays(-10), 1000, 0),           // outside the 7 days: must not count
            Run(now.AddDays(-2), 100, 80),
            Run(now.AddHours(-1), 200, 190, pending: 7),
            Run(now.AddMinutes(-5), 0, 0, RunStatus.Failed),
            TestExceptions.Open("1", slaDueAt: now.AddHours(-1)),
            TestExceptions.Open("2", slaDueAt: now.AddHours(5)),
            TestExceptions.Open("3", type: "missing_in_target", system: "billing", owner: "finance-ops"),
            Resolved(TestExceptions.Open("4")));

        var reply = await SendAsync(client, "status", factory);

        Assert.Equal("ephemeral", reply["response_type"]!.ToString());
        var text = string.Join('\n', reply["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.ToString()));
        Assert.Contains("*promo-to-billing* (Live)", text, StringComparison.Ordinal);
        Assert.Contains("· failed · match rate 95.0% (190/200 compared) · 7 pending (inside the lag window)", text, StringComparison.Ordinal);
        Assert.Contains("Last 7 days: 90.0% over 2 runs (270/300)", text, StringComparison.Ordinal);
        Assert.Contains("Open: 3 · overdue: 1", text, StringComparison.Ordinal);
        Assert.Contains("• crm-owner / field_mismatch: 2 open, 1 overdue", text, StringComparison.Ordinal);
        Assert.Contains("• finance-ops / missing_in_target: 1 open, 0 overdue", text, StringComparison.Ordinal);
        Assert.Contains("3 open exceptions, 1 overdue", reply["text"]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("   STATUS-ish   with words")]
    public async Task Unknown_or_empty_input_gets_the_generated_help(string text)
    {
        using var client = factory.CreateClient();

        var reply = await SendAsync(client, text, factory);

        var help = reply["blocks"]![0]!["text"]!["text"]!.ToString();
        Assert.Contains("`/recon status [flow]`", help, StringComparison.Ordinal);
        Assert.Contains("`/recon help`", help, StringComparison.Ordinal);
        Assert.Equal("ephemeral", reply["response_type"]!.ToString());
    }

    [Fact]
    public async Task Status_of_an_unknown_id_is_answered_as_an_unknown_order_or_flow_and_names_the_flows_there_are()
    {
        using var client = factory.CreateClient();

        var reply = await SendAsync(client, "status nope", factory);

        var text = reply["text"]!.ToString();
        Assert.Contains("No order or flow named 'nope'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", text, StringComparison.Ordinal);
        Assert.EndsWith("Flows: promo-to-billing.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_mistyped_flow_suggests_the_closest_flow()
    {
        using var client = factory.CreateClient();

        var reply = await SendAsync(client, "status promo-to-biling", factory);

        Assert.Contains("No order or flow named 'promo-to-biling': ", reply["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Did you mean `/recon status promo-to-billing`?", reply["text"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_escapes_in_the_command_text_are_undone_before_parsing()
    {
        using var client = factory.CreateClient();

        // Slack sends "&" as "&amp;": the flow name typed by the person is "promo&billing", not "promo&amp;billing".
        var reply = await SendAsync(client, "status promo&amp;billing", factory);

        Assert.Contains("No order or flow named 'promo&amp;billing'", reply["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("a < b > c & d &lt;", Reconcile.Slack.Payloads.SlashCommand.Unescape("a &lt; b &gt; c &amp; d &amp;lt;"));
    }

    private static async Task<JsonObject> SendAsync(HttpClient client, string text, ReconcileFactory factory)
    {
        var response = await client.SendAsync(SlackRequests.Command(text, factory.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static RunEntity Run(DateTimeOffset at, int examined, int matched, string status = RunStatus.Completed, int pending = 0) => new()
    {
        Flow = "promo-to-billing", StartedAt = at, EndedAt = at.AddMinutes(1), Status = status, OrdersExamined = examined, OrdersMatched = matched, OrdersPending = pending,
    };

    private static ExceptionEntity Resolved(ExceptionEntity exception)
    {
        exception.State = ExceptionState.Resolved;
        exception.Resolution = Resolution.Auto;
        return exception;
    }
}
