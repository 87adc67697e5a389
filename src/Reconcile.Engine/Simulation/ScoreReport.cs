using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Simulation;

/// <summary>How a run compares with the ground truth.</summary>
public sealed record ScoreReport(
    double Recall,
    double Precision,
    IReadOnlyList<ExpectedFinding> Missed,
    IReadOnlyList<Finding> Unexpected)
{
    public override string ToString() =>
        $"recall {Recall:P2}, precision {Precision:P2}; missed: " +
        string.Join("; ", Missed.Take(10)) + " | unexpected: " +
        string.Join("; ", Unexpected.Take(10).Select(f => $"{f.OrderId} {f.Type} {f.System} {f.Attribute}"));
}
