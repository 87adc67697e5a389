using Reconcile.Automation;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Interactions;

namespace Reconcile.Tests.Slack.Blocks;

/// <summary>The breaker's one alert: the figures that tripped it and the Re-enable button keyed by the flow.</summary>
public sealed class AutomationAlertMessageTests
{
    [Fact]
    public void The_alert_gives_the_failure_figures_and_a_re_enable_button_carrying_the_flow()
    {
        var message = AutomationAlertMessage.Build(new AutomationBreakerFigures("promo-to-billing", 10, 3, 0.2), "3 of the last 10 automatic replays failed");

        var section = message.Blocks[0]!["text"]!["text"]!.ToString();
        Assert.Contains("Automation switched off for promo-to-billing", section, StringComparison.Ordinal);
        Assert.Contains("3 of the last 10 automatic replays failed (30 %, limit 20 %)", section, StringComparison.Ordinal);
        var button = message.Blocks[1]!["elements"]![0]!;
        Assert.Equal((AutomationActionIds.Enable, "promo-to-billing", "Re-enable automation"),
            (button["action_id"]!.ToString(), button["value"]!.ToString(), button["text"]!["text"]!.ToString()));
    }

    [Fact]
    public void An_exception_rate_trip_names_the_run_and_the_rate()
    {
        var message = AutomationAlertMessage.Build(new AutomationBreakerFigures("promo-to-billing", 0, 0, 0.2, RunId: 7, ExceptionRate: 0.5, MaxExceptionRate: 0.2), "run 7 tripped");

        Assert.Contains("Run 7 passed the flow's exception-rate limit: 50.0 % of orders have findings (limit 20 %)", message.Blocks[0]!["text"]!["text"]!.ToString(), StringComparison.Ordinal);
    }
}
