namespace Reconcile.Slack.Commands;

/// <summary>Unresolved exceptions of one flow for one owner and finding type.</summary>
public sealed record OpenExceptionCount(string Owner, string Type, int Open, int Overdue);
