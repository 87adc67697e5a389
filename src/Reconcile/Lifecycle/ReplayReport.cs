namespace Reconcile.Lifecycle;

/// <summary>What one replay did, as it goes on the audit trail: attempts, each response, and the read-back check.</summary>
public sealed record ReplayReport(
    string Target,
    string IdempotencyKey,
    int Attempts,
    IReadOnlyList<string> Responses,
    bool Verified,
    IReadOnlyList<string> Differences,
    string? ReadBack,
    string? Failure);
