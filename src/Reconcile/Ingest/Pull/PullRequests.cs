using Reconcile.Topology;

namespace Reconcile.Ingest.Pull;

/// <summary>Builds the paths a pull asks for: <c>Pull:Path</c> with the updated-since parameter, then a paging parameter.</summary>
public static class PullRequests
{
    /// <summary>
    /// <c>Path</c>, plus <c>Since:Parameter</c> = (<paramref name="watermark"/> − <c>Overlap</c>) in <c>Since:Format</c>
    /// when there is a watermark (the first pull reads everything) and a <c>Since</c> is configured.
    /// </summary>
    public static string Changes(ConnectorPullOptions pull, DateTimeOffset? watermark)
    {
        ArgumentNullException.ThrowIfNull(pull);
        return watermark is { } mark && pull.Since is { Parameter.Length: > 0 } since
            ? With(pull.Path, since.Parameter, SinceValue.Format(mark - pull.Overlap, since.Format))
            : pull.Path;
    }

    /// <summary><paramref name="pathOrUrl"/> with one more query parameter, both parts escaped (RFC 3986).</summary>
    public static string With(string pathOrUrl, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(pathOrUrl);
        var separator = pathOrUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{pathOrUrl}{separator}{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
    }
}
