using Microsoft.Extensions.Options;
using Reconcile.Engine.Calendar;
using Reconcile.Reconciliation;
using Reconcile.Slack.Blocks;

namespace Reconcile.Workflow;

/// <summary>Each owner's escalation target, SLA due times on the business calendar, and how to mention an owner.</summary>
public sealed class EscalationChain(IOptionsMonitor<TopologyOptions> topology, BusinessCalendar calendar)
{
    /// <summary>The next owner up, or null at the end of the chain.</summary>
    public string? Next(string owner) =>
        topology.CurrentValue.Owners.TryGetValue(owner, out var options) && options.EscalateTo is { Length: > 0 } next
            && topology.CurrentValue.Owners.ContainsKey(next)
            ? next
            : null;

    /// <summary>The owner's SLA (business hours, default 24) counted from <paramref name="from"/>.</summary>
    public DateTimeOffset DueAt(string owner, DateTimeOffset from) =>
        calendar.AddBusinessHours(from, topology.CurrentValue.Owners.TryGetValue(owner, out var options) ? options.SlaBusinessHours : 24);

    /// <summary>The owner's user group when it has one, else its members, else its name.</summary>
    public string Mention(string owner)
    {
        if (!topology.CurrentValue.Owners.TryGetValue(owner, out var options))
        {
            return SlackText.Escape(owner);
        }

        if (!string.IsNullOrWhiteSpace(options.UserGroup))
        {
            return $"<!subteam^{options.UserGroup}>";
        }

        return options.Members.Count > 0 ? string.Join(' ', options.Members.Select(m => $"<@{m}>")) : SlackText.Escape(owner);
    }
}
