using System.Text.Json.Nodes;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Interactions;
using Reconcile.Topology;
using Reconcile.Workflow;

namespace Reconcile.Tests.Slack.Blocks;

public sealed class ExceptionMessageTests
{
    [Fact]
    public void An_open_exception_leads_with_the_difference_and_a_details_button_then_facts_checks_fix_and_three_buttons()
    {
        var exception = TestExceptions.Open();
        exception.Id = 42;

        var message = ExceptionMessage.Build(exception, "CRM owner", new OwnerOptions { Channel = "C0CRM", UserGroup = "S0CRM" });

        var blocks = message.Blocks.Select(b => b!.AsObject()).ToList();
        Assert.Equal("header", Type(blocks[0]));
        Assert.Equal("Field mismatch · order 1042", blocks[0]["text"]!["text"]!.ToString());
        Assert.Equal("*Difference* in *crm*\n`promoCode`: `SPRING24` → _(absent)_", blocks[1]["text"]!["text"]!.ToString());
        Assert.Equal(ExceptionActionIds.Details, blocks[1]["accessory"]!["action_id"]!.ToString());
        Assert.Equal("42", blocks[1]["accessory"]!["value"]!.ToString());
        var facts = string.Join(" | ", blocks[2]["elements"]!.AsArray().Select(e => e!["text"]!.ToString()));
        Assert.Contains("*Promo:* `SPRING24` (crm: _(none)_)", facts, StringComparison.Ordinal);
        Assert.Contains("promo-to-billing", facts, StringComparison.Ordinal);
        Assert.Contains("<!subteam^S0CRM>", facts, StringComparison.Ordinal);
        Assert.Contains("*Value at risk:* 90.00", facts, StringComparison.Ordinal);
        Assert.Contains("2026-11-24 15:00 UTC", facts, StringComparison.Ordinal);
        var all = message.Render();
        Assert.Contains("• promoCode missing in crm", all, StringComparison.Ordinal);
        Assert.Contains("Replay the promo tag from shop into the CRM.", all, StringComparison.Ordinal);
        Assert.DoesNotContain("```", all, StringComparison.Ordinal); // the records are behind Details
        Assert.DoesNotContain("orderId", all, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(message.Text));

        var buttons = blocks[^1]["elements"]!.AsArray().Select(b => b!.AsObject()).ToList();
        Assert.Equal(ExceptionActionIds.All, buttons.Select(b => b["action_id"]!.ToString()));
        Assert.All(buttons, b => Assert.Equal("42", b["value"]!.ToString()));
        Assert.Equal("primary", buttons[0]["style"]!.ToString());
        Assert.NotNull(buttons[1]["confirm"]);
        Assert.Equal("danger", buttons[2]["style"]!.ToString());
        Assert.NotNull(buttons[2]["confirm"]);
        Assert.Equal("recon-42-v0-actions", blocks[^1]["block_id"]!.ToString());
    }

    [Fact]
    public void The_deciding_facts_and_the_differing_lines_come_from_the_two_records()
    {
        var exception = TestExceptions.Open(system: "billing", diagnostics: """
            {"expectedRecord":"{\"orderId\":\"7\",\"customerId\":\"C-77\",\"currency\":\"EUR\",\"total\":30.00,\"promoCode\":\"SPRING24\",\"campaign\":\"spring\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":2,\"unitPrice\":10.00},{\"sku\":\"B-2\",\"quantity\":1,\"unitPrice\":10.00}]}",
             "actualRecord":"{\"orderId\":\"7\",\"customerId\":\"C-77\",\"currency\":\"EUR\",\"total\":20.00,\"campaign\":\"spring\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":1,\"unitPrice\":10.00},{\"sku\":\"A-1\",\"quantity\":1,\"unitPrice\":10.00}]}",
             "history":[],"failedChecks":[],"suggestedRemediation":""}
            """);

        var message = ExceptionMessage.Build(exception);

        var facts = message.Blocks[2]!["elements"]!.AsArray().Select(e => e!["text"]!.ToString()).ToList();
        Assert.Equal("*Customer:* `C-77`", facts[0]);
        Assert.Equal("*Promo:* `SPRING24` (billing: _(none)_)", facts[1]);
        Assert.Equal("*Campaign:* `spring`", facts[2]);
        var lines = Assert.Single(message.Blocks, b => b!["block_id"]!.ToString().EndsWith("-lines", StringComparison.Ordinal));
        Assert.Equal("*Differing lines*\n• `B-2`: 1 × 10.00 → _(absent)_ in billing", lines!["text"]!["text"]!.ToString());
        // Nothing empty is shown: no history, no failed checks, no remediation heading.
        var all = message.Render();
        Assert.DoesNotContain("History", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed checks", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Suggested remediation", all, StringComparison.Ordinal);
        Assert.DoesNotContain("[]", all, StringComparison.Ordinal);
        Assert.Equal(["header", "section", "context", "section", "actions"], message.Blocks.Select(b => Type(b!.AsObject())));
    }

    [Fact]
    public void A_resolved_exception_has_no_buttons_and_says_who_and_when()
    {
        var exception = TestExceptions.Open();
        exception.State = ExceptionState.Resolved;
        exception.Resolution = Resolution.Approved;
        exception.ResolvedBy = "U0CRM1";
        exception.ResolvedAt = TestExceptions.Now.AddHours(1);

        var message = ExceptionMessage.Build(exception);

        Assert.DoesNotContain(message.Blocks, b => Type(b!.AsObject()) == "actions");
        Assert.StartsWith("Resolved: ", message.Blocks[0]!["text"]!["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("*Resolved* (approved) by <@U0CRM1> at <!date^", message.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_inputs_stay_within_Slacks_limits()
    {
        var checks = new JsonArray(Enumerable.Range(0, 200).Select(i => (JsonNode)new string('c', 500)).ToArray());
        var diagnostics = new JsonObject { ["failedChecks"] = checks, ["records"] = new string('r', 20_000), ["suggestedRemediation"] = "fix it" };
        for (var i = 0; i < 80; i++)
        {
            diagnostics["extra" + i] = new JsonObject { ["v"] = new string('x', 5000) };
        }

        var exception = TestExceptions.Open(orderId: new string('9', 400), diagnostics: diagnostics.ToJsonString());
        exception.Expected = new string('e', 10_000);

        var message = ExceptionMessage.Build(exception);

        Assert.True(message.Blocks.Count <= SlackText.MaxBlocks);
        Assert.True(message.Blocks[0]!["text"]!["text"]!.ToString().Length <= SlackText.MaxHeader);
        Assert.All(message.Blocks.Where(b => Type(b!.AsObject()) == "section"), b => Assert.True(b!["text"]!["text"]!.ToString().Length <= SlackText.MaxSection));
        Assert.Contains("fix it", message.Render(), StringComparison.Ordinal);
        Assert.Equal("actions", Type(message.Blocks[^1]!.AsObject()));
        Assert.True(DetailsModal.Build(exception)["blocks"]!.AsArray().Count <= DetailsModal.MaxBlocks);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"records\":null,\"history\":[{\"at\":\"x\"}],\"note\":\"<b>&\"}")]
    public void Odd_diagnostics_are_rendered_not_thrown(string diagnostics)
    {
        var message = ExceptionMessage.Build(TestExceptions.Open(diagnostics: diagnostics));

        Assert.Equal("actions", Type(message.Blocks[^1]!.AsObject()));
        Assert.DoesNotContain("<b>", message.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_update_gets_new_block_ids()
    {
        var exception = TestExceptions.Open();
        var first = ExceptionMessage.Build(exception).Blocks[0]!["block_id"]!.ToString();
        exception.Version++;
        Assert.NotEqual(first, ExceptionMessage.Build(exception).Blocks[0]!["block_id"]!.ToString());
    }

    private static string Type(JsonObject block) => block["type"]!.ToString();
}
