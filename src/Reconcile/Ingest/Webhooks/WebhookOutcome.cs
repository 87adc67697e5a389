namespace Reconcile.Ingest.Webhooks;

/// <summary>
/// What became of a delivery: 202 with the ingest result, 200 for a delivery seen before, or a refusal
/// (<paramref name="Status"/> 401, 404 or 400) with <paramref name="Problem"/> saying what to fix.
/// </summary>
public sealed record WebhookOutcome(int Status, WebhookResult? Result, string? Problem);
