using Microsoft.Extensions.Options;
using Reconcile.Automation;
using Reconcile.Hosting;
using Reconcile.Lifecycle;
using Reconcile.Slack.Payloads;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// The Approve modal's submit: too-short answers keep the modal open with the error under the right
/// field (and change nothing); otherwise one decision, resolved (approved). The modal then closes; a
/// refusal or "already resolved" arrives as an ephemeral message.
/// </summary>
public sealed class ApproveSubmissionHandler(
    ExceptionDecision decision, ExceptionTransitions transitions, IOptions<WorkflowOptions> options, HandOff handOff) : IViewSubmissionHandler
{
    public string CallbackId => ApproveModal.CallbackId;

    public async Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var (reason, corrective, errors) = ApproveModal.ReadAnswers(payload, options.Value.MinReasonLength);

        if (errors.Count > 0)
        {
            return new ViewSubmissionResponse(errors);
        }

        if (ApproveModal.ExceptionId(payload.PrivateMetadata) is not { } id)
        {
            return new ViewSubmissionResponse(new Dictionary<string, string> { [ApproveModal.ReasonBlockId] = "This form lost track of its exception; please close it and click Approve again." });
        }

        var approved = await decision.DecideAsync(id, WorkflowAction.Approve, new ReplyTo(payload.UserId, null, null), seenVersion: null,
            (db, exception) =>
            {
                transitions.Approve(db, exception, payload.UserId, reason, corrective);
                return null;
            },
            cancellationToken);
        if (approved is not null && ApproveModal.ReplayRequested(payload.StateValues))
        {
            // The linked replay writes and reads a target system: after the modal has closed, never inside Slack's 3 seconds.
            await handOff.StartAsync(LinkedReplayJob.Key, LinkedReplayJob.Data(approved.Id, approved.Version, payload.UserId), cancellationToken);
        }

        return null;
    }
}
