using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;

namespace Reconcile.Tests.Lifecycle;

/// <summary>The lifecycle table of DESIGN §5: every action starts from open or escalated, none from replaying or resolved.</summary>
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
}
