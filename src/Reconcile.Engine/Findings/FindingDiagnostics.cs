namespace Reconcile.Engine.Findings;

/// <summary>What an owner needs to act on a finding without opening three systems.</summary>
public sealed record FindingDiagnostics
{
    public static FindingDiagnostics None { get; } = new();

    /// <summary>The authoritative (or source) record as canonical JSON, trimmed.</summary>
    public string? ExpectedRecord { get; init; }

    /// <summary>The record at fault as canonical JSON (or its raw payload when quarantined), trimmed.</summary>
    public string? ActualRecord { get; init; }

    /// <summary>The last few earlier versions of the record at fault, newest first.</summary>
    public IReadOnlyList<string> History { get; init; } = [];

    public IReadOnlyList<string> FailedChecks { get; init; } = [];

    public string SuggestedRemediation { get; init; } = string.Empty;
}
