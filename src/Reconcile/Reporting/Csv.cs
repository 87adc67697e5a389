using System.Globalization;
using CsvHelper;

namespace Reconcile.Reporting;

/// <summary>
/// RFC 4180 CSV for the finance exports, written by CsvHelper: CRLF rows, fields quoted only when needed,
/// invariant culture, and text a spreadsheet would run as a formula defused.
/// </summary>
public static class Csv
{
    /// <summary>
    /// Quote a field holding a comma, a quote or a line break (RFC 4180 §2.6), and one with leading or trailing
    /// white space, which spreadsheets would otherwise trim. CsvHelper's own formula escaping is off: it would
    /// also prefix negative numbers, which <see cref="Defuse"/> leaves as numbers.
    /// </summary>
    internal static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Separator = ',',
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        Injection = CsvInjection.None,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>
    /// One field as it appears in the file: quoted when it holds a comma, a quote or a line break, quotes inside
    /// doubled. Text that a spreadsheet would run as a formula (reasons typed in Slack reach finance's Excel) is
    /// prefixed with a quote; numbers such as -5.00 stay numbers.
    /// </summary>
    public static string Field(string? value)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = CsvWriter.Create(text, Options, leaveOpen: true);
        csv.WriteField(Defuse(value ?? ""));
        csv.Flush();
        return text.ToString();
    }

    /// <summary>
    /// A leading =, +, -, @, tab or CR makes a spreadsheet run the cell as a formula (OWASP "CSV injection"):
    /// such text gets a leading apostrophe, which Excel reads as "this cell is text"; numbers are left alone.
    /// </summary>
    internal static string Defuse(string value) =>
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
