namespace Reconcile.Topology;

/// <summary>
/// A connector's credentials: <c>Bearer</c> (<see cref="Token"/>, RFC 6750), <c>Basic</c>
/// (<see cref="Username"/> and <see cref="Password"/>, RFC 7617) or <c>Header</c> (<see cref="Token"/>
/// sent verbatim in the header named <see cref="Header"/>, e.g. an API key). Never logged.
/// </summary>
public sealed class ConnectorAuthOptions
{
    public const string Bearer = "Bearer";
    public const string Basic = "Basic";
    public const string HeaderScheme = "Header";

    public string Scheme { get; set; } = Bearer;
    public string? Token { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The header's name for the <c>Header</c> scheme, e.g. <c>X-Api-Key</c>.</summary>
    public string? Header { get; set; }
}
