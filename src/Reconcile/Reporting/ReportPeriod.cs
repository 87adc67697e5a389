using System.Globalization;

namespace Reconcile.Reporting;

/// <summary>A half-open period [From, To) in UTC, as the metrics and export surfaces take it.</summary>
public sealed record ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    /// <summary>
    /// Reads from/to as ISO-8601 dates (midnight UTC) or date-times (an offset is honoured, none means UTC).
    /// A missing from/to defaults to the given fallbacks; the error names the parameter that is wrong.
    /// </summary>
    public static bool TryParse(string? from, string? to, DateTimeOffset defaultFrom, DateTimeOffset defaultTo, out ReportPeriod period, out string error)
    {
        period = new ReportPeriod(defaultFrom, defaultTo);
        error = "";
        if (!TryParseInstant(from, defaultFrom, out var start))
        {
            error = $"from: '{from}' is not an ISO-8601 date (2026-11-01) or date-time (2026-11-01T00:00:00Z).";
            return false;
        }

        if (!TryParseInstant(to, defaultTo, out var end))
        {
            error = $"to: '{to}' is not an ISO-8601 date (2026-12-01) or date-time (2026-12-01T00:00:00Z).";
            return false;
        }

        if (start > end)
        {
            error = "from must not be after to.";
            return false;
        }

        period = new ReportPeriod(start, end);
        return true;
    }

    public bool Contains(DateTimeOffset at) => at >= From && at < To;

    public TimeSpan Length => To - From;

    private static bool TryParseInstant(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        value = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            value = instant.ToUniversalTime();
            return true;
        }

        return false;
    }
}
