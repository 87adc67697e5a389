using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Automation;
using Reconcile.Slack.Interactions;

namespace Reconcile.Slack.Blocks;

/// <summary>The one alert when a flow's automation breaker trips: the figures that tripped it and a Re-enable button for admins.</summary>
public static class AutomationAlertMessage
{
    public static SlackMessage Build(AutomationBreakerFigures figures, string reason)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var flow = SlackText.Escape(figures.Flow);
        var cause = figures.RunId is { } run
            ? string.Create(CultureInfo.InvariantCulture, $"Run {run} passed the flow's exception-rate limit: {figures.ExceptionRate:P1} of orders have findings (limit {figures.MaxExceptionRate:P0}), which looks like an outage upstream, not work to replay.")
            : string.Create(CultureInfo.InvariantCulture, $"{figures.Failures} of the last {figures.Attempts} automatic replays failed ({figures.FailureRate:P0}, limit {figures.MaxFailureRate:P0}).");
        var text = $":no_entry: Automation switched off for *{flow}*: {SlackText.Escape(reason)}. Findings now go to their owners as usual.";
        var blocks = new JsonArray
        {
            BlockKit.Section($":no_entry: *Automation switched off for {flow}*\n{SlackText.Escape(cause)}\nNew findings go to their owners as usual until an admin switches it back on."),
            BlockKit.Actions($"recon-automation-{figures.Flow}", BlockKit.Button("Re-enable automation", AutomationActionIds.Enable, figures.Flow, style: "primary",
                confirm: BlockKit.Confirm("Re-enable automation?", $"The system will replay {flow}'s known patterns itself again.", "Re-enable"))),
        };
        return new SlackMessage(SlackText.Truncate(text, SlackText.MaxMessageText), blocks);
    }
}
