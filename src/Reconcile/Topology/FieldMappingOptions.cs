using System.ComponentModel;

namespace Reconcile.Topology;

/// <summary>
/// How one canonical field is read from a system's own JSON (<c>Systems:&lt;name&gt;:Mapping:&lt;field&gt;</c>).
/// A plain string in configuration is shorthand for <c>{ "Pointer": "…" }</c>.
/// Pointers are RFC 6901 JSON Pointers (<c>/metadata/order_id</c>, <c>/discount_codes/0/code</c>);
/// <see cref="Pointers"/> are tried in order after <see cref="Pointer"/> and the first value found wins
/// (a missing member, <c>null</c> and <c>""</c> count as not found).
/// </summary>
[TypeConverter(typeof(FieldMappingOptionsConverter))]
public sealed class FieldMappingOptions
{
    /// <summary>The JSON Pointer to read; null when only <see cref="Pointers"/> or <see cref="Value"/> is given.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The configuration key is named Pointer.")]
    public string? Pointer { get; set; }

    /// <summary>Further pointers tried in order when the ones before found nothing.</summary>
    public List<string> Pointers { get; set; } = [];

    /// <summary>
    /// Conversions applied in order, comma-separated: <c>decimal</c>, <c>minorUnits</c>, <c>unixSeconds</c>,
    /// <c>unixMilliseconds</c>, <c>upper</c>, <c>lower</c>, <c>trim</c>.
    /// </summary>
    public string? Convert { get; set; }

    /// <summary>The system's value → the canonical value (after conversions); the key <c>*</c> catches any other value.</summary>
    public Dictionary<string, string> Values { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A constant used when no pointer is given or none found a value (e.g. a single-currency shop's <c>"JPY"</c>).</summary>
    public string? Value { get; set; }

    /// <summary>For <c>lines</c>: how each element of the array at <see cref="Pointer"/> becomes a line (<c>sku</c>, <c>quantity</c>, <c>unitPrice</c>), pointers relative to the element.</summary>
    public Dictionary<string, FieldMappingOptions> Item { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every pointer in the order it is tried.</summary>
    public IEnumerable<string> AllPointers() => Pointer is null ? Pointers : [Pointer, .. Pointers];
}
