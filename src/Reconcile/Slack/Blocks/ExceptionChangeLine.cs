using System.Globalization;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Topology;

namespace Reconcile.Slack.Blocks;

/// <summary>
/// The thread line for one transition, worded from the facts the lifecycle returned
/// (<see cref="ExceptionChange"/>): the one place these sentences live.
/// </summary>
public static class ExceptionChangeLine
{
    /// <param name="exception">The exception after the change.</param>
    /// <param name="change">What happened; its <see cref="ExceptionChange.Action"/> picks the sentence.</param>
    /// <param name="owners">The configured owners, for mentions.</param>
    /// <returns>The mrkdwn line; an action without a sentence of its own is named as written.</returns>
    public static string For(ExceptionEntity exception, ExceptionChange change, IReadOnlyDictionary<string, OwnerOptions> owners)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(owners);
        return change.Action switch
        {
            AuditActions.Approved =>
                $":white_check_mark: Approved by {SlackText.Actor(change.Actor)} at {SlackText.Date(change.At)} — {Quote(change.Reason)} (corrective action: {Quote(change.CorrectiveAction)})",
            AuditActions.ReplayStarted =>
                $":arrows_counterclockwise: Replay into {SlackText.Escape(change.Target)} started by {SlackText.Actor(change.Actor)} at {SlackText.Date(change.At)}",
            AuditActions.Replayed =>
                $":white_check_mark: Replayed into {SlackText.Escape(change.Target)} and verified ({change.Attempts} attempt(s)); requested by {SlackText.Actor(change.Actor)}",
            AuditActions.ReplayFailed =>
                $":x: Replay into {SlackText.Escape(change.Target)} failed after {change.Attempts} attempt(s): {Quote(change.Reason ?? "unknown")}. Back to {exception.State.ToWireName()}.",
            AuditActions.Escalated =>
                $":arrow_up: Escalated from {SlackText.Escape(change.FromOwner)} to {SlackText.Escape(change.ToOwner)} {Mention(change.ToOwner ?? exception.Owner, owners)} by {SlackText.Actor(change.Actor)} ({SlackText.Escape(change.Reason)}); now due {SlackText.Date(change.DueAt ?? exception.SlaDueAt)}",
            AuditActions.SlaBreached =>
                $":rotating_light: SLA breached (due {SlackText.Date(change.DueAt ?? exception.SlaDueAt)}) and {SlackText.Escape(exception.Owner)} is the end of the escalation chain. {Mention(exception.Owner, owners)}",
            AuditActions.AutoResolved => AutoResolved(change.RunId ?? 0),
            _ => SlackText.Escape(change.Action.Replace('_', ' ')),
        };
    }

    /// <summary>The line under an exception a run resolved automatically.</summary>
    public static string AutoResolved(long runId) =>
        string.Create(CultureInfo.InvariantCulture, $"Resolved automatically by run {runId}: the order is reconciled now.");

    private static string Mention(string owner, IReadOnlyDictionary<string, OwnerOptions> owners) =>
        OwnerMention.For(owner, owners.GetValueOrDefault(owner));

    private static string Quote(string? text) => "“" + SlackText.Escape(SlackText.Truncate(text, 500)) + "”";
}
