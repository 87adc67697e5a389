using System.Diagnostics;

namespace Reconcile.Hosting;

/// <summary>
/// Reconcile's one <see cref="ActivitySource"/> and the names of its spans and attributes, so a trace
/// reads the same everywhere: a run (<c>reconcile.run</c>) with its phases as children, each Slack Web API
/// call, each ingest batch and each Slack interaction. Attribute names follow the OpenTelemetry
/// convention of dotted lower-case keys; ids are strings as they appear in the API and in Slack.
/// </summary>
public static class ReconcileTracing
{
    public const string SourceName = "Reconcile";

    public static readonly ActivitySource Source = new(SourceName, typeof(ReconcileTracing).Assembly.GetName().Version?.ToString());

    // Span names.
    public const string Run = "reconcile.run";
    public const string RunLoad = "reconcile.run.load";
    public const string RunEngine = "reconcile.run.engine";
    public const string RunWrite = "reconcile.run.write";
    public const string RunNotifications = "reconcile.run.notifications";
    public const string Ingest = "reconcile.ingest";
    public const string Interaction = "slack.interaction";

    /// <summary>A Slack Web API call's span is <c>slack.api {method}</c>, e.g. <c>slack.api chat.postMessage</c>.</summary>
    public const string SlackApiPrefix = "slack.api ";

    // Attribute keys.
    public const string RunId = "reconcile.run.id";
    public const string Flow = "reconcile.flow";
    public const string RunFull = "reconcile.run.full";
    public const string RunTriggeredBy = "reconcile.run.triggered_by";
    public const string OrdersExamined = "reconcile.orders.examined";
    public const string ExceptionsOpened = "reconcile.exceptions.opened";
    public const string ExceptionId = "reconcile.exception.id";
    public const string System = "reconcile.system";
    public const string RecordsAccepted = "reconcile.records.accepted";
    public const string RecordsQuarantined = "reconcile.records.quarantined";
    public const string SlackMethod = "slack.method";
    public const string SlackChannel = "slack.channel.id";
    public const string SlackMessageTs = "slack.message.ts";
    public const string SlackError = "slack.error";
    public const string SlackUser = "slack.user.id";
    public const string SlackActionId = "slack.action_id";
    public const string SlackCallbackId = "slack.callback_id";
}
