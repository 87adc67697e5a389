using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Reporting;
using Reconcile.Slack.Blocks;

namespace Reconcile.Tests.Reporting;

/// <summary>The automation figures count each path (verified, failed, would replay) per rule, and the automation rate counts only exceptions no person touched.</summary>
public sealed class AutomationFiguresTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly ReportPeriod Week = new(Start, Start.AddDays(7));

    [Fact]
    public void Each_path_is_counted_per_rule_and_the_rate_leaves_out_exceptions_people_touched()
    {
        var exceptions = new List<ExceptionEntity> { Resolved(1), Resolved(2), Resolved(3), Resolved(4) };
        var inputs = new FiguresInputs([], exceptions, [], [], 0)
        {
            Attempts =
            [
                Attempt(1, "missing_in_target/crm", AutomationAttemptStatus.LiveMode, AutomationAttemptStatus.Verified),
                Attempt(2, "missing_in_target/crm", AutomationAttemptStatus.LiveMode, AutomationAttemptStatus.Verified),
                Attempt(3, "missing_in_target/crm", AutomationAttemptStatus.LiveMode, AutomationAttemptStatus.Failed),
                Attempt(5, "partial_sync/crm/promoCode", AutomationAttemptStatus.ShadowMode, AutomationAttemptStatus.WouldReplay),
                Attempt(6, "partial_sync/crm/promoCode", AutomationAttemptStatus.ShadowMode, AutomationAttemptStatus.WouldReplay),
            ],
            TouchedByPeople = new HashSet<long> { 3, 4 }, // 3 failed and was approved by a person; 4 was escalated by one
        };

        var figures = FiguresCalculator.Calculate("promo-to-billing", inputs, Week, Week.To);

        Assert.Equal((3, 2, 1, 2), (figures.AutomaticReplaysAttempted, figures.AutomaticReplaysVerified, figures.AutomaticReplaysFailed, figures.WouldReplay));
        Assert.Equal((2, 0.5), (figures.ResolvedWithoutHumanTouch, figures.AutomationRate));
        Assert.Equal(
            [new AutomationRuleFigures("missing_in_target/crm", 3, 2, 1, 0), new AutomationRuleFigures("partial_sync/crm/promoCode", 0, 0, 0, 2)],
            figures.AutomationByRule);
        Assert.Equal(
            "automation rate 50.0% · 3 automatic replays (2 verified, 1 failed) · 2 would replay (Shadow) · by rule: missing_in_target/crm 3 attempted, 2 verified, 1 failed; partial_sync/crm/promoCode 2 would replay",
            AutomationFiguresLine.Describe(figures));
        Assert.EndsWith(AutomationFiguresLine.Describe(figures), StatusMessage.DescribeWeek(figures), StringComparison.Ordinal);
    }

    [Fact]
    public void With_nothing_resolved_the_rate_is_not_a_number_but_says_so()
    {
        var figures = FiguresCalculator.Calculate("promo-to-billing", new FiguresInputs([], [], [], [], 0), Week, Week.To);

        Assert.Null(figures.AutomationRate);
        Assert.Equal("automation rate n/a", AutomationFiguresLine.Describe(figures));
    }

    private static ExceptionEntity Resolved(long id) => new()
    {
        Id = id, Flow = "promo-to-billing", OrderId = $"{id}", Type = "missing_in_target", System = "crm", Fingerprint = $"f{id}",
        Owner = "crm-owner", OriginalOwner = "crm-owner", CreatedAt = Start.AddDays(1), ResolvedAt = Start.AddDays(2), State = ExceptionState.Resolved,
    };

    private static AutomationAttemptEntity Attempt(long exceptionId, string rule, string mode, string status) => new()
    {
        ExceptionId = exceptionId, Flow = "promo-to-billing", Rule = rule, Mode = mode, Status = status, StartedAt = Start.AddDays(1), EndedAt = Start.AddDays(1),
    };
}
