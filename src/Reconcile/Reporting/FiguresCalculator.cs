using Reconcile.Data.Entities;
using Reconcile.Lifecycle;

namespace Reconcile.Reporting;

/// <summary>Turns one flow's rows into its figures; pure, so the arithmetic is in one place.</summary>
internal static class FiguresCalculator
{
    public static FlowFigures Calculate(string flow, FiguresInputs inputs, ReportPeriod period, DateTimeOffset asOf)
    {
        // Runs count an order when it is first compared after a change (never for the lag-window overlap), so
        // sums over scheduled runs count changes once; an on-demand full run counts every order again.
        var examined = inputs.Runs.Sum(r => r.OrdersExamined);
        var matched = inputs.Runs.Sum(r => r.OrdersMatched);
        var raised = inputs.Exceptions.Where(e => period.Contains(e.CreatedAt)).ToList();
        var byType = raised.GroupBy(e => e.Type, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var perThousand = examined == 0
            ? new Dictionary<string, double>(StringComparer.Ordinal)
            : byType.ToDictionary(t => t.Key, t => t.Value * 1000.0 / examined, StringComparer.Ordinal);
        var resolutions = inputs.Exceptions
            .Where(e => e.ResolvedAt is { } at && period.Contains(at))
            .Select(e => e.ResolvedAt!.Value - e.CreatedAt)
            .ToList();
        var handling = inputs.Touches.Select(t => t.HandlingTime).ToList();
        var open = inputs.Exceptions.Where(e => IsOpenAt(e, asOf)).ToList();
        return new FlowFigures
        {
            Flow = flow,
            Runs = inputs.Runs.Count,
            OrdersExamined = examined,
            OrdersMatched = matched,
            OrdersPending = inputs.Runs.GroupBy(r => r.Flow, StringComparer.Ordinal).Sum(g => g.MaxBy(r => r.StartedAt)!.OrdersPending),
            MatchRate = examined == 0 ? null : (double)matched / examined,
            ExceptionsRaised = raised.Count,
            ExceptionsByType = byType,
            ExceptionsPerThousandOrders = perThousand,
            Resolved = resolutions.Count,
            MeanTimeToResolutionHours = Statistics.MeanHours(resolutions),
            MedianTimeToResolutionHours = Statistics.MedianHours(resolutions),
            OrdersConfirmed = inputs.Lags.Count,
            OrdersUnconfirmed = inputs.Unconfirmed,
            LagP50Hours = Statistics.PercentileHours(inputs.Lags, 0.50),
            LagP95Hours = Statistics.PercentileHours(inputs.Lags, 0.95),
            ManualTouches = inputs.Touches.Count,
            Approvals = inputs.Touches.Count(t => t.Action == AuditActions.Approved),
            Replays = inputs.Touches.Count(t => t.Action == AuditActions.Replayed),
            MeanHandlingHours = Statistics.MeanHours(handling),
            MedianHandlingHours = Statistics.MedianHours(handling),
            OpenExceptions = open.Count,
            ValueAtRisk = open.Sum(e => e.ValueAtRisk),
            Overdue = open.Count(e => e.SlaDueAt < asOf),
            Recurring = raised.Count(e => e.PreviousExceptionId is not null),
        }.WithAutomation(inputs, period);
    }

    /// <summary>The automation figures: share resolved with no human touch, and automatic decisions overall and by rule.</summary>
    private static FlowFigures WithAutomation(this FlowFigures figures, FiguresInputs inputs, ReportPeriod period)
    {
        var resolved = inputs.Exceptions.Where(e => e.ResolvedAt is { } at && period.Contains(at)).ToList();
        var untouched = resolved.Count(e => !inputs.TouchedByPeople.Contains(e.Id));
        var live = inputs.Attempts.Where(a => a.Mode == AutomationAttemptStatus.LiveMode).ToList();
        return figures with
        {
            ResolvedWithoutHumanTouch = untouched,
            AutomationRate = resolved.Count == 0 ? null : (double)untouched / resolved.Count,
            AutomaticReplaysAttempted = live.Count,
            AutomaticReplaysVerified = live.Count(a => a.Status == AutomationAttemptStatus.Verified),
            AutomaticReplaysFailed = live.Count(a => a.Status == AutomationAttemptStatus.Failed),
            WouldReplay = inputs.Attempts.Count(a => a.Mode == AutomationAttemptStatus.ShadowMode),
            AutomationByRule = [.. inputs.Attempts.GroupBy(a => a.Rule, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new AutomationRuleFigures(
                    g.Key,
                    g.Count(a => a.Mode == AutomationAttemptStatus.LiveMode),
                    g.Count(a => a.Mode == AutomationAttemptStatus.LiveMode && a.Status == AutomationAttemptStatus.Verified),
                    g.Count(a => a.Mode == AutomationAttemptStatus.LiveMode && a.Status == AutomationAttemptStatus.Failed),
                    g.Count(a => a.Mode == AutomationAttemptStatus.ShadowMode)))],
        };
    }

    /// <summary>Raised before the instant and not yet resolved at it.</summary>
    public static bool IsOpenAt(ExceptionEntity exception, DateTimeOffset at) =>
        exception.CreatedAt < at && (exception.ResolvedAt is not { } resolved || resolved > at);
}
