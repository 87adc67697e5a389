using Reconcile.Data.Entities;
using Reconcile.Reporting;
using Reconcile.Tests.Slack;

namespace Reconcile.Tests.Reporting;

/// <summary>The digest's Block Kit, built from a report in memory: Slack's 50-block limit and the arrows.</summary>
public sealed class DigestMessageTests
{
    [Fact]
    public void A_digest_with_long_lists_is_split_into_a_post_and_thread_replies_of_at_most_50_blocks()
    {
        var many = Enumerable.Range(1, 40).Select(i => TestExceptions.Open(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var touches = Enumerable.Range(1, 40).Select(i => new ManualTouch(i, i, "promo-to-billing", $"O{i}", "field_mismatch", "approved", "U0CRM1",
            TestExceptions.Now, TestExceptions.Now.AddHours(-2), "fixed")).ToList();
        var orders = Enumerable.Range(1, 10).Select(i => new TopOrder("promo-to-billing", $"T{i}", 100m * i, "USD",
            [KeyValuePair.Create("shop", "paid"), KeyValuePair.Create("crm", "missing")], [])).ToList();
        var report = new DigestReport(new DateOnly(2026, 11, 16), Figures(0.97), Figures(0.95), many.Count, many.Take(15).ToList(), touches,
            many.Take(15).Select(e => { e.PreviousExceptionId = 1; return e; }).ToList(), orders, []);

        var messages = DigestMessage.Build(report);

        Assert.True(messages.Count >= 2);
        Assert.All(messages, m => Assert.InRange(m.Blocks.Count, 1, 50));
        Assert.Equal("header", messages[0].Blocks[0]!["type"]!.ToString());
        Assert.Contains("(continued, 2/", messages[1].Text, StringComparison.Ordinal);
        var all = string.Join('\n', messages.Select(m => m.Render()));
        Assert.Contains("*Exceptions older than SLA (40)*", all, StringComparison.Ordinal);
        Assert.Contains("…and 25 more.", all, StringComparison.Ordinal);
        Assert.Contains("*Match rate:* 97.0% ▲ (last week 95.0%)", all, StringComparison.Ordinal);
        Assert.Contains("*T10* 1,000.00 USD — shop: paid · crm: missing", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2.0, 1.0, "▲")]
    [InlineData(1.0, 2.0, "▼")]
    [InlineData(1.0, 1.0, "=")]
    [InlineData(null, 1.0, "")]
    public void Arrows_show_the_direction_against_last_week(double? now, double? before, string arrow) =>
        Assert.Equal(arrow, DigestComparison.Arrow(now, before));

    private static Figures Figures(double rate)
    {
        var overall = new FlowFigures { Flow = "*", MatchRate = rate, OrdersExamined = 100, OrdersMatched = (int)(rate * 100) };
        return new Figures(default, default, default, null, overall, [overall with { Flow = "promo-to-billing" }], new Dictionary<string, IReadOnlyList<DrillDownRow>>());
    }
}
