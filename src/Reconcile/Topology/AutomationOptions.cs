namespace Reconcile.Topology;

/// <summary>
/// System-led execution of one flow ("Flows:&lt;name&gt;:Automation"): the known patterns the system
/// replays itself, how it rolls out (<see cref="Mode"/>) and when its breaker switches it off.
/// </summary>
public sealed class AutomationOptions
{
    /// <summary>Nothing is automatic: every finding goes to its owner.</summary>
    public const string Off = "Off";

    /// <summary>The canary: each decision is recorded ("would_replay") and counted, nothing is written, owners are paged as if Off.</summary>
    public const string Shadow = "Shadow";

    /// <summary>Matching findings are replayed by <c>system:auto</c>; only failures reach their owner.</summary>
    public const string Live = "Live";

    public string Mode { get; set; } = Off;

    /// <summary>The known patterns; a finding matching none of them is never automated.</summary>
    public List<AutomationRuleOptions> Rules { get; set; } = [];

    /// <summary>Failures ÷ attempts over the last <see cref="MinAttempts"/> automatic attempts above this (0–1) switch automation off.</summary>
    public double MaxFailureRate { get; set; } = 0.2;

    /// <summary>The breaker judges no fewer than this many finished automatic attempts, so one early failure does not trip it.</summary>
    public int MinAttempts { get; set; } = 10;

    /// <summary>At most this many automatic replays per run; the rest go to their owners as usual.</summary>
    public int MaxPerRun { get; set; } = 50;

    /// <summary>The first rule matching a finding, or null.</summary>
    public AutomationRuleOptions? Match(string type, string system, string? attribute, decimal valueAtRisk) =>
        Rules.FirstOrDefault(r => r.Matches(type, system, attribute, valueAtRisk));
}
