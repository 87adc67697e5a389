using System.Globalization;

namespace Reconcile.Reporting;

/// <summary>RFC 4180 CSV for the finance exports: CRLF rows, quoted only when needed, invariant culture.</summary>
public static class Csv
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static async Task WriteRowAsync(TextWriter writer, IEnumerable<string?> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fields);
        await writer.WriteAsync(string.Join(',', fields.Select(Field)).AsMemory(), cancellationToken);
        await writer.WriteAsync("\r\n".AsMemory(), cancellationToken);
    }

    /// <summary>
    /// A field is quoted when it holds a comma, a quote or a line break; quotes inside are doubled. Text that a
    /// spreadsheet would run as a formula (reasons typed in Slack reach finance's Excel) is prefixed with a quote.
    /// </summary>
    public static string Field(string? value)
    {
        value = Defuse(value ?? "");
        return value.IndexOfAny(NeedsQuotes) < 0 && value.Trim() == value
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Defuse(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;

    /// <summary>ISO-8601 in UTC with a Z, e.g. 2026-11-16T10:00:00.0000000Z; empty when there is none.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) : "";

    /// <summary>A plain decimal: no grouping, no currency sign, a dot, at least two places.</summary>
    public static string Money(decimal amount) => amount.ToString("0.00##########", CultureInfo.InvariantCulture);

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
