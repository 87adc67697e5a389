using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Slack.Blocks;
using Reconcile.Topology;

namespace Reconcile.Tests.Slack.Blocks;

/// <summary>The thread lines are worded here, from the facts the lifecycle returns.</summary>
public sealed class ExceptionChangeLineTests
{
    private static readonly Dictionary<string, OwnerOptions> Owners = new(StringComparer.Ordinal)
    {
        ["crm-owner"] = new OwnerOptions { Channel = "C0CRM", Members = ["U0CRM1"] },
        ["revops-lead"] = new OwnerOptions { Channel = "C0REV", UserGroup = "S0REV" },
    };

    [Fact]
    public void An_escalation_names_both_owners_mentions_the_new_owners_group_and_who_did_it()
    {
        var exception = TestExceptions.Open(owner: "revops-lead");
        var change = new ExceptionChange(AuditActions.Escalated, "U0CRM1", ExceptionState.Open, TestExceptions.Now)
        {
            Reason = "escalated from Slack", FromOwner = "crm-owner", ToOwner = "revops-lead", DueAt = TestExceptions.Now.AddHours(8),
        };

        var line = ExceptionChangeLine.For(exception, change, Owners);

        Assert.StartsWith(":arrow_up: Escalated from crm-owner to revops-lead <!subteam^S0REV> by <@U0CRM1> (escalated from Slack); now due <!date^", line, StringComparison.Ordinal);
        Assert.EndsWith("|2026-11-23 23:00 UTC>", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_replay_says_where_it_went_back_to_in_the_stored_lower_case_name()
    {
        var exception = TestExceptions.Open();
        var change = new ExceptionChange(AuditActions.ReplayFailed, "U0CRM1", ExceptionState.Replaying, TestExceptions.Now)
        {
            Reason = "crm refused <the write>", Target = "crm", Attempts = 4,
        };

        Assert.Equal(":x: Replay into crm failed after 4 attempt(s): “crm refused &lt;the write&gt;”. Back to open.",
            ExceptionChangeLine.For(exception, change, Owners));
    }

    [Fact]
    public void A_breach_at_the_end_of_the_chain_mentions_the_owners_members()
    {
        var exception = TestExceptions.Open();
        var change = new ExceptionChange(AuditActions.SlaBreached, "system:sla", ExceptionState.Open, TestExceptions.Now) { DueAt = exception.SlaDueAt };

        var line = ExceptionChangeLine.For(exception, change, Owners);

        Assert.StartsWith(":rotating_light: SLA breached (due <!date^", line, StringComparison.Ordinal);
        Assert.EndsWith("and crm-owner is the end of the escalation chain. <@U0CRM1>", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_automatic_resolution_names_the_run()
    {
        var change = new ExceptionChange(AuditActions.AutoResolved, "system:run", ExceptionState.Open, TestExceptions.Now) { RunId = 7 };

        Assert.Equal("Resolved automatically by run 7: the order is reconciled now.", ExceptionChangeLine.For(TestExceptions.Open(), change, Owners));
    }
}
