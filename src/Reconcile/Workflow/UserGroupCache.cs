using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Reconcile.Workflow;

/// <summary>
/// Members of Slack user groups, kept briefly: usergroups.users.list is a Tier 2 method and a click
/// has three seconds, so one lookup serves every click for a few minutes.
/// </summary>
public sealed class UserGroupCache(TimeProvider time, IOptions<WorkflowOptions> options)
{
    private readonly ConcurrentDictionary<string, (HashSet<string> Users, DateTimeOffset At)> _groups = new(StringComparer.Ordinal);

    public IReadOnlySet<string>? Get(string userGroup) =>
        _groups.TryGetValue(userGroup, out var entry) && time.GetUtcNow() - entry.At < options.Value.UserGroupCacheDuration
            ? entry.Users
            : null;

    public void Set(string userGroup, IEnumerable<string> users) =>
        _groups[userGroup] = (new HashSet<string>(users, StringComparer.Ordinal), time.GetUtcNow());
}
