using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Interactions;

/// <summary>Handles submits of the modal with one callback_id; null closes the modal, errors keep it open.</summary>
public interface IViewSubmissionHandler
{
    string CallbackId { get; }

    Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload payload, CancellationToken cancellationToken);
}
