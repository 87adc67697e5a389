namespace Reconcile.Workflow;

/// <summary>
/// The chat directory behind owners' user groups and the admin list, implemented at the edge (Slack's
/// usergroups.users.list and "Slack:Admins") so authorization never refers to Slack.
/// </summary>
public interface IUserGroups
{
    /// <summary>Admins may act on every exception.</summary>
    bool IsAdmin(string user);

    /// <summary>False when no directory is connected: user groups then have no known members.</summary>
    bool CanLookUp { get; }

    /// <summary>The group's member ids; null when the directory refused or failed (logged). Honours cancellation (the caller's timeout).</summary>
    Task<IReadOnlyList<string>?> MembersAsync(string userGroup, CancellationToken cancellationToken);
}
