using System.Globalization;
using System.Text;
using Reconcile.Engine.Records;

namespace Reconcile.Ingest;

/// <summary>
/// The position of <see cref="JsonTextCheck"/> in the body: a stack of objects and arrays, the keys each
/// object has seen, and whether the current value lies inside item <c>i</c> of the items array.
/// </summary>
internal sealed class JsonTextWalk(JsonTextReport report, string itemsName, IReadOnlyDictionary<string, string>? fieldMap)
{
    private sealed class Frame(bool isObject)
    {
        public bool IsObject { get; } = isObject;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public string Property { get; set; } = "";
        public int Index { get; set; } = -1;
    }

    private readonly List<Frame> _frames = [];
    private int _itemStart;

    public void Enter(bool isObject, int start)
    {
        Advance();
        _frames.Add(new Frame(isObject));
        if (IsItemsArray(_frames.Count - 1))
        {
            _itemStart = start;
        }
    }

    public void Leave(int end)
    {
        _frames.RemoveAt(_frames.Count - 1);
        if (_frames.Count == 2 && IsItemsArray(1))
        {
            report.ItemRanges[_frames[1].Index] = new Range(_itemStart, end);
        }
    }

    public void Key(string name, string? problem)
    {
        var frame = _frames[^1];
        var shown = FieldLimits.Shorten(name);
        frame.Property = shown;
        if (problem is not null)
        {
            Report("the field name " + problem, badText: true);
        }
        else if (name.Length > FieldLimits.Key)
        {
            Report(string.Create(CultureInfo.InvariantCulture, $"a field name of {name.Length} characters; field names are limited to {FieldLimits.Key}"));
        }
        else if (!frame.Keys.Add(name))
        {
            Report("duplicate key: sent more than once in the same object");
        }
    }

    /// <summary>A scalar value of <paramref name="length"/> characters at <paramref name="bytes"/>, or one that cannot be read.</summary>
    public void Value(int length, string? problem, Range bytes)
    {
        Advance();
        if (_frames.Count == 2 && IsItemsArray(1))
        {
            report.ItemRanges[_frames[1].Index] = bytes;
        }

        if (problem is not null)
        {
            Report(problem, badText: true);
            return;
        }

        var field = Leaf();
        var limit = FieldLimits.For(field);
        if (length > limit)
        {
            Report(string.Create(CultureInfo.InvariantCulture, $"is {length} characters long; the limit is {limit}"));
        }
    }

    /// <summary>A value inside an array takes the next index.</summary>
    private void Advance()
    {
        if (_frames.Count > 0 && !_frames[^1].IsObject)
        {
            _frames[^1].Index++;
        }
    }

    private bool IsItemsArray(int depth) =>
        depth == 1 && _frames[0].IsObject && !_frames[1].IsObject && _frames[0].Property == itemsName;

    /// <summary>The canonical name the current value is checked under: the nearest key, mapped at an item's top level.</summary>
    private string Leaf()
    {
        for (var depth = _frames.Count - 1; depth >= 0; depth--)
        {
            if (_frames[depth].IsObject)
            {
                var name = _frames[depth].Property;
                return depth == 2 && fieldMap is not null && fieldMap.TryGetValue(name, out var canonical) ? canonical : name;
            }
        }

        return "";
    }

    private void Report(string message, bool badText = false)
    {
        if (_frames.Count >= 2 && IsItemsArray(1))
        {
            var index = _frames[1].Index;
            if (!report.ItemErrors.TryGetValue(index, out var errors))
            {
                report.ItemErrors[index] = errors = [];
            }

            errors.Add(new FieldError(Path(2, "$"), message));
            if (badText)
            {
                report.BadText.Add(index);
            }

            return;
        }

        report.BodyProblem ??= $"{Path(0, "the top level")}: {message}";
    }

    /// <summary>The place as the record errors name it: <c>lines[0].sku</c> inside an item, <c>records[3]</c> outside.</summary>
    private string Path(int from, string empty)
    {
        var path = new StringBuilder();
        for (var depth = from; depth < _frames.Count; depth++)
        {
            var frame = _frames[depth];
            if (frame.IsObject)
            {
                path.Append(path.Length == 0 ? "" : ".").Append(frame.Property);
            }
            else
            {
                path.Append(CultureInfo.InvariantCulture, $"[{frame.Index}]");
            }
        }

        return path.Length == 0 ? empty : path.ToString();
    }
}
