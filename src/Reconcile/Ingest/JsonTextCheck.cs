using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reconcile.Engine.Records;

namespace Reconcile.Ingest;

/// <summary>
/// Walks a parsed body's bytes once and finds what the typed readers would throw on or silently accept:
/// strings that are not valid UTF-8 or hold a lone UTF-16 surrogate escape (RFC 8259 §8.1–8.2: JSON text
/// is UTF-8, and such an escape is no character), keys repeated in one object (RFC 8259 §4 leaves the
/// meaning open, so we refuse rather than pick one), and values or keys longer than <see cref="FieldLimits"/>.
/// Problems inside the items array are reported per item and field; anything else refuses the body.
/// </summary>
public static partial class JsonTextCheck
{
    private const string InvalidUtf8 = "holds bytes that are not valid UTF-8; send JSON as UTF-8";
    private const string LoneSurrogate = "holds a \\u escape of a lone UTF-16 surrogate, which is not a character";

    /// <summary>Checks <paramref name="json"/> (already known to be well-formed) whose items are the array <paramref name="itemsName"/>.</summary>
    public static JsonTextReport Check(ReadOnlySpan<byte> json, string itemsName, IReadOnlyDictionary<string, string>? fieldMap)
    {
        var report = new JsonTextReport();
        var walk = new JsonTextWalk(report, itemsName, fieldMap);
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    walk.Enter(reader.TokenType == JsonTokenType.StartObject, (int)reader.TokenStartIndex);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    walk.Leave((int)reader.BytesConsumed);
                    break;
                case JsonTokenType.PropertyName:
                    var name = Text(ref reader, out var nameProblem);
                    walk.Key(name, nameProblem);
                    break;
                case JsonTokenType.String:
                    var text = Text(ref reader, out var problem);
                    walk.Value(problem is null ? text.Length : 0, problem, Span(reader));
                    break;
                case JsonTokenType.Number:
                    walk.Value(reader.ValueSpan.Length, null, Span(reader));
                    break;
                default:
                    walk.Value(0, null, Span(reader));
                    break;
            }
        }

        return report;
    }

    /// <summary>
    /// An item's text made readable: invalid UTF-8 becomes U+FFFD and surrogate escapes become <c>\ufffd</c>
    /// (paired ones too: the item is quarantined for inspection, not used). Everything else is kept as sent.
    /// </summary>
    public static string Readable(ReadOnlySpan<byte> item) =>
        SurrogateEscape().Replace(Encoding.UTF8.GetString(item), "$1\\ufffd");

    private static Range Span(in Utf8JsonReader reader) => new((int)reader.TokenStartIndex, (int)reader.BytesConsumed);

    private static string Text(ref Utf8JsonReader reader, out string? problem)
    {
        problem = null;
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            var raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
            problem = System.Text.Unicode.Utf8.IsValid(raw) ? LoneSurrogate : InvalidUtf8;
            return Encoding.UTF8.GetString(raw);
        }
    }

    // An even run of backslashes before \uD800–\uDFFF: the escape is real, not an escaped backslash followed by "u".
    [GeneratedRegex(@"(?<!\\)((?:\\\\)*)\\u[dD][89a-fA-F][0-9a-fA-F]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex SurrogateEscape();
}
