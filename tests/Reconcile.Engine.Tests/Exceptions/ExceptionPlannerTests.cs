using Reconcile.Engine.Exceptions;
using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Tests.Exceptions;

public class ExceptionPlannerTests
{
    private static readonly Finding Mismatch = new()
    {
        Flow = "promo-to-billing",
        Type = FindingType.FieldMismatch,
        OrderId = "1042",
        System = "billing",
        Attribute = "total",
        Owner = "finance-ops",
    };

    private static readonly ExceptionOnRecord Existing = new()
    {
        Id = "EX-1",
        Fingerprint = Mismatch.Fingerprint,
        OrderId = "1042",
        State = ExceptionState.Open,
        Occurrences = 2,
    };

    public static TheoryData<string, bool, ExceptionState?, string> Cycle => new()
    {
        // description, finding present, existing exception state (null: none), expected outcome
        { "first sighting opens", true, null, "open" },
        { "seen again while open updates", true, ExceptionState.Open, "update" },
        { "seen again while escalated updates", true, ExceptionState.Escalated, "update" },
        { "seen again while replaying updates", true, ExceptionState.Replaying, "update" },
        { "gone while open auto-resolves", false, ExceptionState.Open, "resolve" },
        { "gone while escalated auto-resolves", false, ExceptionState.Escalated, "resolve" },
        { "back after resolution recurs", true, ExceptionState.Resolved, "recur" },
        { "still gone after resolution does nothing", false, ExceptionState.Resolved, "nothing" },
        { "nothing at all does nothing", false, null, "nothing" },
    };

    [Theory]
    [MemberData(nameof(Cycle))]
    public void The_planner_opens_updates_resolves_and_links_recurrences(
        string description, bool found, ExceptionState? state, string outcome)
    {
        ExceptionOnRecord[] existing = state is { } s ? [Existing with { State = s }] : [];

        var plan = ExceptionPlanner.Plan(found ? [Mismatch] : [], ["1042"], existing);

        var actual = (plan.ToOpen.Count, plan.ToUpdate.Count, plan.ToAutoResolve.Count) switch
        {
            (1, 0, 0) when plan.ToOpen[0].PreviousExceptionId == "EX-1" => "recur",
            (1, 0, 0) when plan.ToOpen[0].PreviousExceptionId is null => "open",
            (0, 1, 0) when plan.ToUpdate[0].Occurrences == 3 && plan.ToUpdate[0].Existing.Id == "EX-1" => "update",
            (0, 0, 1) when plan.ToAutoResolve[0].Id == "EX-1" => "resolve",
            (0, 0, 0) => "nothing",
            _ => "unexpected plan",
        };
        Assert.True(outcome == actual, $"{description}: expected {outcome}, got {actual}");
    }

    [Fact]
    public void An_order_the_run_did_not_examine_is_not_auto_resolved()
    {
        var plan = ExceptionPlanner.Plan([], ["other-order"], [Existing]);

        Assert.Empty(plan.ToAutoResolve);
    }

    [Fact]
    public void Another_finding_on_the_same_order_does_not_keep_a_fixed_one_open()
    {
        var other = Mismatch with { Attribute = "status" };

        var plan = ExceptionPlanner.Plan([other], ["1042"], [Existing]);

        Assert.Equal("EX-1", Assert.Single(plan.ToAutoResolve).Id);
        Assert.Equal("status", Assert.Single(plan.ToOpen).Finding.Attribute);
    }

    [Fact]
    public void A_recurrence_links_to_the_latest_resolved_exception()
    {
        var day = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        ExceptionOnRecord[] history =
        [
            Existing with { Id = "EX-2", State = ExceptionState.Resolved, ResolvedAt = day.AddDays(2) },
            Existing with { Id = "EX-1", State = ExceptionState.Resolved, ResolvedAt = day },
        ];

        var plan = ExceptionPlanner.Plan([Mismatch], ["1042"], history);

        var open = Assert.Single(plan.ToOpen);
        Assert.Equal("EX-2", open.PreviousExceptionId);
        Assert.True(open.IsRecurrence);
    }

    [Fact]
    public void The_same_fingerprint_twice_in_one_run_opens_one_exception()
    {
        var plan = ExceptionPlanner.Plan([Mismatch, Mismatch with { Actual = "96" }], ["1042"], []);

        Assert.Single(plan.ToOpen);
    }
}
