using Json.Pointer;

namespace Reconcile.Ingest.Mapping;

/// <summary>One canonical field's compiled mapping: pointers parsed, conversions checked against the field's kind.</summary>
public sealed class FieldRule
{
    public required string Field { get; init; }

    public required MappedKind Kind { get; init; }

    /// <summary>Tried in order; the text is kept for error messages.</summary>
    public required IReadOnlyList<(string Text, JsonPointer Pointer)> Pointers { get; init; }

    /// <summary><c>trim</c>, <c>upper</c>, <c>lower</c> in the order configured.</summary>
    public required IReadOnlyList<string> TextSteps { get; init; }

    /// <summary><c>decimal</c>, <c>minorUnits</c>, <c>unixSeconds</c>, <c>unixMilliseconds</c> or null (the kind's default reading).</summary>
    public string? Reading { get; init; }

    public required IReadOnlyDictionary<string, string> Values { get; init; }

    public string? Constant { get; init; }

    /// <summary>For <c>lines</c>: the rules of one line.</summary>
    public IReadOnlyList<FieldRule> Item { get; init; } = [];

    /// <summary>The pointers as written, for "nothing found at …" messages.</summary>
    public string Where => Pointers.Count == 0 ? "(no pointer)" : string.Join(", ", Pointers.Select(p => p.Text));
}
