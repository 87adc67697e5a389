
namespace Reconcile.Topology;

/// <summary>
/// Owners, systems, flows and the calendar refer to each other, so they are bound and validated
/// together from the configuration root (their sections keep their documented configuration names).
/// </summary>
public sealed class TopologyOptions
{
    public const string OwnersSection = "Owners";
    public const string SystemsSection = "Systems";
    public const string FlowsSection = "Flows";

    public Dictionary<string, OwnerOptions> Owners { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, SystemOptions> Systems { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, FlowOptions> Flows { get; set; } = new(StringComparer.Ordinal);
    public CalendarOptions Calendar { get; set; } = new();

    /// <summary>The owner's Slack channel id; null when the owner is unknown or has none.</summary>
    public string? ChannelOf(string owner) =>
        Owners.TryGetValue(owner, out var options) && !string.IsNullOrWhiteSpace(options.Channel) ? options.Channel : null;
}
