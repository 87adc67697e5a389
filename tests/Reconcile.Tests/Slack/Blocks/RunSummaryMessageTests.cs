using Reconcile.Slack.Blocks;

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
}
