using Microsoft.Extensions.Options;
using Reconcile.Slack.Payloads;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// The bulk Approve modal's submit: too-short answers keep it open with the error under the field; otherwise the
/// modal closes at once and <see cref="BulkApprover"/> decides each exception in the background (a large group could
/// take longer than Slack's 3 s), then tells the person privately how many were approved.
/// </summary>
public sealed class BulkApproveSubmissionHandler(BulkApprover approver, IOptions<WorkflowOptions> options) : IViewSubmissionHandler
{
    public string CallbackId => BulkApproval.CallbackId;

    public Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var (reason, corrective, errors) = ApproveModal.ReadAnswers(payload, options.Value.MinReasonLength);

        var ids = BulkApproval.Decode(payload.PrivateMetadata);
        if (errors.Count == 0 && ids.Count == 0)
        {
            errors[ApproveModal.ReasonBlockId] = "This form lost track of its exceptions; please close it and click Approve all again.";
        }

        if (errors.Count > 0)
        {
            return Task.FromResult<ViewSubmissionResponse?>(new ViewSubmissionResponse(errors));
        }

        approver.Start(payload.UserId, ids, reason, corrective);
        return Task.FromResult<ViewSubmissionResponse?>(null);
    }
}
