namespace Reconcile.Topology;

/// <summary>How Reconcile reaches a system to read records or replay into it.</summary>
public sealed class ConnectorOptions
{
    public const string InProcess = "InProcess";
    public const string Http = "Http";

    public string Kind { get; set; } = InProcess;
    public string? BaseUrl { get; set; }
    public string? Token { get; set; }
}
