namespace Reconcile.Slack.Home;

/// <summary>One owner's figures over the last 7 days; money in the orders' own units, as value at risk is everywhere.</summary>
public sealed record OwnerWeek(string Owner, int OpenNow, int Overdue, int OpenedThisWeek, int ResolvedThisWeek, decimal ValueAtRisk);
