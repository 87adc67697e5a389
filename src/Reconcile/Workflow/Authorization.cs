namespace Reconcile.Workflow;

/// <summary>The answer to "may this user do this?"; Unknown when Slack could not tell us a user group's members.</summary>
public enum Authorization
{
    Allowed,
    Denied,
    Unknown,
}
