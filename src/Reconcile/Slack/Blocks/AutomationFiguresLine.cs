using System.Globalization;
using Reconcile.Reporting;

namespace Reconcile.Slack.Blocks;

/// <summary>
/// A flow's automation figures in one line (status and digest): the automation rate, automatic replays attempted /
/// verified / failed, Shadow's "would replay", and the same per rule. Empty when automation made no decision.
/// </summary>
public static class AutomationFiguresLine
{
    public static string Describe(FlowFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var rate = figures.AutomationRate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
        if (figures.AutomationByRule.Count == 0)
        {
            return $"automation rate {rate}";
        }

        var rules = string.Join("; ", figures.AutomationByRule.Select(Rule));
        return string.Create(CultureInfo.InvariantCulture,
            $"automation rate {rate} · {figures.AutomaticReplaysAttempted} automatic replays ({figures.AutomaticReplaysVerified} verified, {figures.AutomaticReplaysFailed} failed)")
            + (figures.WouldReplay > 0 ? string.Create(CultureInfo.InvariantCulture, $" · {figures.WouldReplay} would replay (Shadow)") : "")
            + $" · by rule: {rules}";
    }

    private static string Rule(AutomationRuleFigures rule) => rule.WouldReplay > 0 && rule.Attempted == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{SlackText.Escape(rule.Rule)} {rule.WouldReplay} would replay")
        : string.Create(CultureInfo.InvariantCulture, $"{SlackText.Escape(rule.Rule)} {rule.Attempted} attempted, {rule.Verified} verified, {rule.Failed} failed");
}
