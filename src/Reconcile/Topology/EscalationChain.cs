using Microsoft.Extensions.Options;
using Reconcile.Engine.Calendar;

namespace Reconcile.Topology;

/// <summary>Each owner's escalation target, and SLA due times on the business calendar. (How to mention an owner is Slack's: Slack/Blocks/OwnerMention.)</summary>
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
}
