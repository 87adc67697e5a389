using Reconcile.Slack.Blocks;
using Reconcile.Slack.Interactions;

namespace Reconcile.Tests.Slack.Blocks;

public sealed class RunSummaryMessageTests
{
    [Fact]
    public void The_summary_counts_by_type_and_system_and_lists_the_ten_highest_values()
    {
        var exceptions = Enumerable.Range(1, 12)
            .Select(i => TestExceptions.Open(orderId: $"O{i}", type: i % 3 == 0 ? "missing_in_target" : "field_mismatch", system: i <= 4 ? "billing" : "crm", valueAtRisk: i * 10m))
            .ToList();

        var message = RunSummaryMessage.Build("crm-owner", exceptions);
        var text = message.Render();

        Assert.Contains("12 new exceptions for crm-owner", text, StringComparison.Ordinal);
        Assert.Contains("• field_mismatch: 8", text, StringComparison.Ordinal);
        Assert.Contains("• missing_in_target: 4", text, StringComparison.Ordinal);
        Assert.Contains("• crm: 8", text, StringComparison.Ordinal);
        Assert.Contains("• billing: 4", text, StringComparison.Ordinal);
        Assert.Contains("order O12 · missing_in_target in crm · 120.00", text, StringComparison.Ordinal);
        Assert.Contains("order O3 ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("order O2 ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_group_of_one_identical_cause_gets_an_approve_all_button_carrying_its_exception_ids()
    {
        var exceptions = Enumerable.Range(1, 7).Select(i => TestExceptions.Open(orderId: $"O{i}", valueAtRisk: 10m)).ToList();
        exceptions.Add(TestExceptions.Open(orderId: "O8", type: "missing_in_target"));
        for (var i = 0; i < exceptions.Count; i++)
        {
            exceptions[i].Id = 100 + i;
        }

        var message = RunSummaryMessage.Build("crm-owner", exceptions);

        var groups = message.Blocks.Where(b => b!["accessory"] is not null).Select(b => b!.AsObject()).ToList();
        var group = Assert.Single(groups); // a cause seen once gets no group button
        Assert.Equal("*7× Field mismatch* of `promoCode` in *crm* (promo-to-billing) · 70.00 at risk", group["text"]!["text"]!.ToString());
        Assert.Equal(BulkApproval.ActionId, group["accessory"]!["action_id"]!.ToString());
        Assert.Equal("100,101,102,103,104,105,106", group["accessory"]!["value"]!.ToString());
        Assert.Equal("Approve all 7…", group["accessory"]!["text"]!["text"]!.ToString());
        Assert.NotNull(group["accessory"]!["confirm"]);
    }
}
