namespace Reconcile.Ingest.Webhooks;

/// <summary>Whether a delivery's signature holds; <paramref name="Reason"/> says what to fix, never the expected value.</summary>
public sealed record SignatureOutcome(bool Valid, string Reason)
{
    public static readonly SignatureOutcome Ok = new(true, "");

    public static SignatureOutcome Refused(string reason) => new(false, reason);
}
