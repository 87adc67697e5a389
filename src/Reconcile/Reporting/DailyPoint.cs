namespace Reconcile.Reporting;

/// <summary>One business day of the digest chart: the day's match rate (null without runs) and exceptions raised.</summary>
public sealed record DailyPoint(DateOnly Day, double? MatchRate, int ExceptionsRaised);
