using Microsoft.Extensions.Options;
using Reconcile.Data.Entities;
using Reconcile.Lifecycle;
using Reconcile.Topology;

namespace Reconcile.Workflow;

/// <summary>
/// Who belongs to which owner (configured Members, or the owner's Slack user group) and so who may
/// act on an exception: admins always; Approve and Replay the
/// current owner's members; Escalate also the original owner's.
/// </summary>
public sealed class OwnerDirectory(
    IOptionsMonitor<TopologyOptions> topology, IUserGroups groups, UserGroupCache cache,
    IOptions<WorkflowOptions> options, ILogger<OwnerDirectory> logger)
{
    public bool IsAdmin(string user) => groups.IsAdmin(user);

    public IReadOnlyList<string> Names => [.. topology.CurrentValue.Owners.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// With <paramref name="lookUp"/> false, configuration and the cache only: for when even one Slack call is
    /// too slow (before views.open); Unknown then means "a user group not cached yet".
    /// </summary>
    public async Task<Authorization> AuthorizeAsync(ExceptionEntity exception, WorkflowAction action, string user, bool lookUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (IsAdmin(user))
        {
            return Authorization.Allowed;
        }

        // In parallel: two uncached user groups must not take two lookups' time out of Slack's three seconds.
        var answers = await Task.WhenAll(OwnersFor(exception, action).Select(owner => IsMemberAsync(owner, user, lookUp, cancellationToken)));
        return answers.Contains(true) ? Authorization.Allowed : answers.Contains(null) ? Authorization.Unknown : Authorization.Denied;
    }

    /// <summary>The owners this user is a member of (for /recon mine).</summary>
    public async Task<IReadOnlyList<string>> OwnersOfAsync(string user, CancellationToken cancellationToken)
    {
        var owners = Names;
        var answers = await Task.WhenAll(owners.Select(owner => IsMemberAsync(owner, user, lookUp: true, cancellationToken)));
        return [.. owners.Where((_, index) => answers[index] == true)];
    }

    /// <summary>True or false when known; null when the answer depends on a user group Slack would not list.</summary>
    public async Task<bool?> IsMemberAsync(string owner, string user, bool lookUp, CancellationToken cancellationToken)
    {
        if (!topology.CurrentValue.Owners.TryGetValue(owner, out var team))
        {
            return false;
        }

        if (team.Members.Contains(user, StringComparer.Ordinal))
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(team.UserGroup) || !groups.CanLookUp)
        {
            return false;
        }

        var members = cache.Get(team.UserGroup) ?? (lookUp ? await LookUpAsync(team.UserGroup, cancellationToken) : null);
        return members?.Contains(user);
    }

    private async Task<IReadOnlySet<string>?> LookUpAsync(string userGroup, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.UserGroupLookupTimeout);
        try
        {
            if (await groups.MembersAsync(userGroup, timeout.Token) is not { } members)
            {
                return null;
            }

            cache.Set(userGroup, members);
            return cache.Get(userGroup);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not list the members of user group {UserGroup}: {Reason}", userGroup, ex.Message);
            return null;
        }
    }

    private static IEnumerable<string> OwnersFor(ExceptionEntity exception, WorkflowAction action) =>
        action == WorkflowAction.Escalate && exception.OriginalOwner != exception.Owner ? [exception.Owner, exception.OriginalOwner] : [exception.Owner];
}
