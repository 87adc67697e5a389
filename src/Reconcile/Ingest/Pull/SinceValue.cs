using System.Globalization;
using Reconcile.Topology;

namespace Reconcile.Ingest.Pull;

/// <summary>The updated-since query value in the system's format (<c>Pull:Since:Format</c>).</summary>
public static class SinceValue
{
    /// <summary>
    /// <c>iso8601</c>: UTC to the second, <c>2026-11-20T10:00:00Z</c> (ISO 8601 / RFC 3339); <c>unixSeconds</c> and
    /// <c>unixMilliseconds</c>: since 1970-01-01 UTC. Sub-second parts are dropped, which only asks for a little more.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown format (start-up validation refuses it first).</exception>
    public static string Format(DateTimeOffset at, string format) => format switch
    {
        ConnectorSinceOptions.Iso8601 => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ConnectorSinceOptions.UnixSeconds => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        ConnectorSinceOptions.UnixMilliseconds => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"'{format}' is not a Since format (use iso8601, unixSeconds or unixMilliseconds)", nameof(format)),
    };
}
