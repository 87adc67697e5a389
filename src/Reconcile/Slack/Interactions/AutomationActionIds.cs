namespace Reconcile.Slack.Interactions;

/// <summary>The action_id of the automation breaker alert's button; its value is the flow's name. Stable: alerts already in Slack carry it.</summary>
public static class AutomationActionIds
{
    public const string Enable = "recon.automation.enable";
}
