using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;

namespace Reconcile.Tests.Lifecycle;

/// <summary>The lifecycle table (README, Decide): every action starts from open or escalated, none from replaying or resolved.</summary>
public sealed class ExceptionTransitionsTests
{
    [Theory]
    [InlineData("open", true)]
    [InlineData("escalated", true)]
    [InlineData("replaying", false)]
    [InlineData("resolved", false)]
    public void Each_action_is_allowed_only_from_open_or_escalated(string state, bool allowed)
    {
        foreach (var action in Enum.GetValues<WorkflowAction>())
        {
            Assert.Equal(allowed, ExceptionTransitions.Allows(WireNames.ParseState(state), action));
        }
    }

    [Fact]
    public void The_idempotency_key_names_the_exception_and_the_version_being_replayed()
    {
        Assert.Equal("exception-42-v3", ExceptionTransitions.ReplayKey(42, 3));
    }

    [Fact]
    public void A_run_cannot_update_a_resolved_exception_a_repeat_opens_a_new_one_instead()
    {
        var resolved = Reconcile.Tests.Slack.TestExceptions.Open();
        resolved.State = ExceptionState.Resolved;

        Assert.Throws<InvalidOperationException>(() => ExceptionTransitions.SeenAgain(resolved, 2, runId: 9, Reconcile.Tests.Slack.TestExceptions.Now));
    }

    [Fact]
    public void A_run_seeing_an_open_exception_again_moves_its_counters_not_its_state_or_version()
    {
        var open = Reconcile.Tests.Slack.TestExceptions.Open();
        open.State = ExceptionState.Escalated;
        var later = Reconcile.Tests.Slack.TestExceptions.Now.AddHours(1);

        ExceptionTransitions.SeenAgain(open, 3, runId: 9, later);

        Assert.Equal((ExceptionState.Escalated, 0, 3, later, (long?)9), (open.State, open.Version, open.Occurrences, open.LastSeenAt, open.RunId));
    }
}
