using System.Text;

namespace Reconcile.Reconciliation;

/// <summary>
/// One string per distinct short UTF-8 value read from SQLite's memory, up to a bound (past it, values are decoded each
/// time): systems, currencies, statuses, campaigns and regions repeat over millions of rows.
/// </summary>
internal sealed class RepeatedStrings(int maxValues = 4_096)
{
    private const int MaxLength = 64;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>The string of <paramref name="utf8"/>: the same instance for a value seen before (empty for no bytes).</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxLength];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..length], out var known))
        {
            return known;
        }

        var value = new string(chars[..length]);
        if (_values.Count < maxValues)
        {
            _values[value] = value;
        }

        return value;
    }
}
