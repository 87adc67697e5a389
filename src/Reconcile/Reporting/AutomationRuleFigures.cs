namespace Reconcile.Reporting;

/// <summary>
/// One automation rule's decisions in a period (rule named as "type/system[/attribute]"): automatic replays
/// attempted (Live), of which verified and failed, and "would replay" decisions (Shadow).
/// </summary>
public sealed record AutomationRuleFigures(string Rule, int Attempted, int Verified, int Failed, int WouldReplay);
