namespace Reconcile.Reporting;

/// <summary>What <see cref="FiguresQuery"/> answers: every flow's figures, their total, and the drill-downs asked for.</summary>
public sealed record Figures(
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    string? Flow,
    FlowFigures Overall,
    IReadOnlyList<FlowFigures> Flows,
    IReadOnlyDictionary<string, IReadOnlyList<DrillDownRow>> DrillDowns);
