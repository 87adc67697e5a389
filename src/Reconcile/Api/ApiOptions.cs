namespace Reconcile.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Bearer token for writes and admin reads. Empty: those endpoints answer 401.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Largest request body accepted by the ingest and reference endpoints.</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;
}
