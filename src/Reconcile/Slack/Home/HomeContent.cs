using Reconcile.Data.Entities;
using Reconcile.Slack.Commands;

namespace Reconcile.Slack.Home;

/// <summary>What one person's Home tab shows, read in one go by <see cref="HomePublisher"/>.</summary>
public sealed record HomeContent(
    string UserId,
    IReadOnlyList<string> Teams,
    IReadOnlyList<ExceptionEntity> Open,
    int OpenTotal,
    IReadOnlyList<OwnerWeek> Weeks,
    IReadOnlyList<FlowStatus>? Flows,
    DateTimeOffset Now);
