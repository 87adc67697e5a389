using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reconcile.Automation;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Slack.Blocks;
using Reconcile.Topology;
using Reconcile.Workflow;

namespace Reconcile.Slack.Commands;

/// <summary>
/// <c>/recon automation &lt;flow&gt; on|off|status</c>: a flow's automation switch. <c>on</c> and <c>off</c> are for
/// admins (each change audited and told in the flow owner's channel); <c>status</c> shows the mode, the switch and the
/// last 7 days' automatic attempts.
/// </summary>
public sealed class AutomationCommand(
    OwnerDirectory owners, FlowCatalog flows, AutomationSwitch automationSwitch, ReconcileDbContext db, TimeProvider time) : IReconSubCommand
{
    public string Name => "automation";
    public string Usage => "automation <flow> on|off|status";
    public string Help => "Admins: switch a flow's automatic replays on or off; status shows its mode, switch and recent attempts.";

    public async Task<SlackMessage> RunAsync(ReconCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var flow = context.Arguments.Count > 0 ? flows.Names.FirstOrDefault(f => string.Equals(f, context.Arguments[0], StringComparison.OrdinalIgnoreCase)) : null;
        var verb = context.Arguments.Count > 1 ? context.Arguments[1].ToLowerInvariant() : "status";
        if (flow is null || verb is not ("on" or "off" or "status"))
        {
            return SlackMessage.Plain($"Usage: `{ReconCommand.Name} {Usage}`. Flows: {string.Join(", ", flows.Names)}.");
        }

        if (verb == "status")
        {
            return SlackMessage.Plain(await StatusAsync(flow, cancellationToken));
        }

        var user = context.Command.UserId;
        if (!owners.IsAdmin(user))
        {
            return SlackMessage.Plain("Only Reconcile admins can switch automation on or off. Nothing was changed.");
        }

        var on = verb == "on";
        var changed = await automationSwitch.SetAsync(flow, on, user, on ? "switched on with /recon automation" : "switched off with /recon automation", null, cancellationToken);
        var mode = flows.Options(flow).Automation.Mode;
        return SlackMessage.Plain(changed
            ? $"Automation for {SlackText.Escape(flow)} is now {verb} (configured mode: {mode})."
            : $"Automation for {SlackText.Escape(flow)} was already {verb}. Nothing was changed.");
    }

    private async Task<string> StatusAsync(string flow, CancellationToken cancellationToken)
    {
        var options = flows.Options(flow).Automation;
        var state = await automationSwitch.StateAsync(flow, cancellationToken);
        var since = time.GetUtcNow().AddDays(-7);
        var attempts = await db.AutomationAttempts.AsNoTracking().Where(a => a.Flow == flow && a.StartedAt >= since)
            .GroupBy(a => a.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(string status) => attempts.FirstOrDefault(a => a.Status == status)?.Count ?? 0;
        var switched = state is null ? "on" : state.Enabled ? "on" : "off";
        var last = state is null ? "" : string.Create(CultureInfo.InvariantCulture, $" (switched {switched} by {Who(state.ChangedBy)} at {SlackText.Date(state.ChangedAt)}: {SlackText.Escape(state.Reason ?? "")})");
        var rules = options.Rules.Count == 0 ? "none" : string.Join(", ", options.Rules.Select(r => r.Name));
        return string.Create(CultureInfo.InvariantCulture,
            $"*{SlackText.Escape(flow)}* automation: mode {options.Mode}, switch {switched}{last}. Rules: {SlackText.Escape(rules)}. "
            + $"Last 7 days: {Count(AutomationAttemptStatus.Verified) + Count(AutomationAttemptStatus.Failed) + Count(AutomationAttemptStatus.Replaying)} automatic replays attempted, "
            + $"{Count(AutomationAttemptStatus.Verified)} verified, {Count(AutomationAttemptStatus.Failed)} failed, {Count(AutomationAttemptStatus.WouldReplay)} would have been replayed (Shadow). "
            + $"Breaker: more than {options.MaxFailureRate:P0} failed of the last {options.MinAttempts} attempts.");
    }

    private static string Who(string actor) => actor.StartsWith('U') || actor.StartsWith('W') ? $"<@{actor}>" : SlackText.Escape(actor);
}
