using Reconcile.Topology;

namespace Reconcile.Slack.Blocks;

/// <summary>How a message calls an owner's attention: its user group when it has one, else its members, else its name.</summary>
public static class OwnerMention
{
    /// <param name="owner">The owner's name (a key of the Owners section).</param>
    /// <param name="options">The owner's settings; null when the owner is not configured.</param>
    public static string For(string owner, OwnerOptions? options)
    {
        if (options is null)
        {
            return SlackText.Escape(owner);
        }

        if (!string.IsNullOrWhiteSpace(options.UserGroup))
        {
            return $"<!subteam^{options.UserGroup}>";
        }

        return options.Members.Count > 0 ? string.Join(' ', options.Members.Select(m => $"<@{m}>")) : SlackText.Escape(owner);
    }
}
