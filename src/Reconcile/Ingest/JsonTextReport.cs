using Reconcile.Engine.Records;

namespace Reconcile.Ingest;

/// <summary>
/// What <see cref="JsonTextCheck"/> found in a body: a problem outside the items (the whole body is
/// refused), and per item index the fields to refuse, with the byte range of each refused item.
/// </summary>
public sealed class JsonTextReport
{
    internal Dictionary<int, List<FieldError>> ItemErrors { get; } = [];

    internal Dictionary<int, Range> ItemRanges { get; } = [];

    internal HashSet<int> BadText { get; } = [];

    /// <summary>A problem outside the items array, with its place; null when there is none.</summary>
    public string? BodyProblem { get; internal set; }

    /// <summary>Item index → the refused fields (paths such as <c>lines[0].sku</c>) and why.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<FieldError>> Refused =>
        ItemErrors.ToDictionary(e => e.Key, e => (IReadOnlyList<FieldError>)e.Value);

    public bool IsClean => BodyProblem is null && ItemErrors.Count == 0;

    /// <summary>True when item <paramref name="index"/> holds text no string can carry, so it must be cleaned before it is read.</summary>
    public bool HasBadText(int index) => BadText.Contains(index);

    /// <summary>The bytes of item <paramref name="index"/> in the body that was checked.</summary>
    public Range RangeOf(int index) => ItemRanges[index];
}
