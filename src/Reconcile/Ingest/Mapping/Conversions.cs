namespace Reconcile.Ingest.Mapping;

/// <summary>
/// The named conversions of a mapping's <c>Convert</c>. Text steps (<c>trim</c>, <c>upper</c>, <c>lower</c>)
/// apply in the order written; at most one reading conversion decides how the text becomes a value.
/// </summary>
public static class Conversions
{
    /// <summary>An exact decimal from a JSON number or a string (<c>"403.10"</c> and <c>403.1</c> are the same amount).</summary>
    public const string ExactDecimal = "decimal";

    /// <summary>An integer count of the currency's minor unit (999 USD cents = 9.99; 999 JPY = 999; 999 KWD fils = 0.999), by ISO 4217.</summary>
    public const string MinorUnits = "minorUnits";

    /// <summary>Seconds since 1970-01-01T00:00:00Z.</summary>
    public const string UnixSeconds = "unixSeconds";

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z.</summary>
    public const string UnixMilliseconds = "unixMilliseconds";

    public const string Upper = "upper";
    public const string Lower = "lower";
    public const string Trim = "trim";

    /// <summary>Which reading conversions each kind accepts (text steps are accepted by every kind but lines).</summary>
    public static IReadOnlyList<string> ReadingsFor(MappedKind kind) => kind switch
    {
        MappedKind.Money => [ExactDecimal, MinorUnits],
        MappedKind.Quantity => [ExactDecimal],
        MappedKind.Timestamp => [UnixSeconds, UnixMilliseconds],
        _ => [],
    };

    public static bool IsTextStep(string name) => name is Upper or Lower or Trim;
}
