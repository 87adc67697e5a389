namespace Reconcile.Topology;

/// <summary>The updated-since query parameter: its name and <see cref="Format"/> (<c>iso8601</c>, <c>unixSeconds</c> or <c>unixMilliseconds</c>).</summary>
public sealed class ConnectorSinceOptions
{
    public const string Iso8601 = "iso8601";
    public const string UnixSeconds = "unixSeconds";
    public const string UnixMilliseconds = "unixMilliseconds";

    public string Parameter { get; set; } = "";
    public string Format { get; set; } = Iso8601;
}
