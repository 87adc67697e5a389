namespace Reconcile.Reporting;

/// <summary>
/// The figures of one flow (or of every flow: <see cref="Flow"/> "*") over one period.
/// Durations are hours. Open, value at risk and overdue are as of the period's end (or now, if sooner).
/// </summary>
public sealed record FlowFigures
{
    public const string AllFlows = "*";

    public required string Flow { get; init; }

    /// <summary>Completed runs that started in the period, and the orders they examined and matched.</summary>
    public int Runs { get; init; }
    public int OrdersExamined { get; init; }
    public int OrdersMatched { get; init; }

    /// <summary>Orders inside the lag window at each flow's last run of the period: waiting, not compared.</summary>
    public int OrdersPending { get; init; }

    /// <summary>Matched / examined (compared) over those runs; null when no order was compared.</summary>
    public double? MatchRate { get; init; }

    /// <summary>Exceptions raised in the period, by finding type.</summary>
    public int ExceptionsRaised { get; init; }
    public IReadOnlyDictionary<string, int> ExceptionsByType { get; init; } = new Dictionary<string, int>();

    /// <summary>Exceptions raised per 1,000 orders examined, by type; empty when no order was examined.</summary>
    public IReadOnlyDictionary<string, double> ExceptionsPerThousandOrders { get; init; } = new Dictionary<string, double>();

    /// <summary>Exceptions resolved in the period (any resolution), and created → resolved.</summary>
    public int Resolved { get; init; }
    public double? MeanTimeToResolutionHours { get; init; }
    public double? MedianTimeToResolutionHours { get; init; }

    /// <summary>Source orders created in the period that reached every target, and created → last target received.</summary>
    public int OrdersConfirmed { get; init; }
    public int OrdersUnconfirmed { get; init; }
    public double? LagP50Hours { get; init; }
    public double? LagP95Hours { get; init; }

    /// <summary>Approvals and replays by people in the period, and exception created → that decision.</summary>
    public int ManualTouches { get; init; }
    public int Approvals { get; init; }
    public int Replays { get; init; }
    public double? MeanHandlingHours { get; init; }
    public double? MedianHandlingHours { get; init; }

    public int OpenExceptions { get; init; }
    public decimal ValueAtRisk { get; init; }
    public int Overdue { get; init; }

    /// <summary>Exceptions raised in the period that repeat one resolved before (same order and type).</summary>
    public int Recurring { get; init; }

    /// <summary>Exceptions resolved in the period that no person acted on (only <c>system:*</c> actors on their trail).</summary>
    public int ResolvedWithoutHumanTouch { get; init; }

    /// <summary>Automation rate: <see cref="ResolvedWithoutHumanTouch"/> ÷ <see cref="Resolved"/>; null when nothing was resolved.</summary>
    public double? AutomationRate { get; init; }

    /// <summary>Automatic replays (Live, actor <c>system:auto</c>) started in the period, and how they ended.</summary>
    public int AutomaticReplaysAttempted { get; init; }
    public int AutomaticReplaysVerified { get; init; }
    public int AutomaticReplaysFailed { get; init; }

    /// <summary>Shadow automation's "would replay" decisions in the period (nothing written).</summary>
    public int WouldReplay { get; init; }

    /// <summary>The same, per automation rule, by rule name.</summary>
    public IReadOnlyList<AutomationRuleFigures> AutomationByRule { get; init; } = [];
}
