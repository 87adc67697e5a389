namespace Reconcile.Topology;

/// <summary>A team that owns exceptions: where they are posted, who may act, how fast, and who is next.</summary>
public sealed class OwnerOptions
{
    public string Channel { get; set; } = "";
    public List<string> Members { get; set; } = [];
    public string? UserGroup { get; set; }
    public double SlaBusinessHours { get; set; } = 24;
    public string? EscalateTo { get; set; }
}
