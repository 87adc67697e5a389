using Microsoft.Extensions.Options;
using Reconcile.Workflow;

namespace Reconcile.Slack.Api;

/// <summary>Slack's side of <see cref="IUserGroups"/>: "Slack:Admins" and usergroups.users.list (a Tier 2 method; the workflow caches it).</summary>
public sealed class SlackUserGroups(IOptionsMonitor<SlackOptions> slack, SlackApiClient api, ILogger<SlackUserGroups> logger) : IUserGroups
{
    public bool IsAdmin(string user) => slack.CurrentValue.Admins.Contains(user, StringComparer.Ordinal);

    public bool CanLookUp => slack.CurrentValue.IsConnected;

    public async Task<IReadOnlyList<string>?> MembersAsync(string userGroup, CancellationToken cancellationToken)
    {
        try
        {
            return await api.UserGroupUsersAsync(userGroup, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not list the members of user group {UserGroup}: {Reason}", userGroup, ex.Message);
            return null;
        }
    }
}
