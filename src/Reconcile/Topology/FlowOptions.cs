namespace Reconcile.Topology;

/// <summary>One configured reconciliation (configuration section "Flows").</summary>
public sealed class FlowOptions
{
    public const string Live = "Live";
    public const string Shadow = "Shadow";

    public string Source { get; set; } = "";
    public List<string> Targets { get; set; } = [];

    /// <summary>Quartz cron (seconds first), e.g. "0 0/15 * * * ?".</summary>
    public string Schedule { get; set; } = "0 0/15 * * * ?";

    public TimeSpan LagWindow { get; set; } = TimeSpan.FromMinutes(15);
    public List<string> Compare { get; set; } = [];

    /// <summary>Attribute → authoritative system; unnamed attributes: the source is authoritative.</summary>
    public Dictionary<string, string> Authority { get; set; } = [];

    /// <summary>A number for every currency, or a map by ISO 4217 code; absent: half of each currency's minor unit.</summary>
    public MoneyToleranceOptions MoneyTolerance
    {
        get => _moneyTolerance;
        set => _moneyTolerance = value ?? new();
    }

    private MoneyToleranceOptions _moneyTolerance = new();
    public string Owner { get; set; } = "";
    public double MaxExceptionRate { get; set; } = 0.2;
    public string Mode { get; set; } = Live;

    /// <summary>The known patterns the system replays itself, and its canary and breaker settings.</summary>
    public AutomationOptions Automation
    {
        get => _automation;
        set => _automation = value ?? new();
    }

    private AutomationOptions _automation = new();
}
