using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconcile.Engine.Records;

namespace Reconcile.Ingest.Mapping;

/// <summary>
/// Runs a system's <see cref="RecordMapping"/> backwards, to build a replay's write body in the system's own shape:
/// each canonical field is placed at its rule's first JSON Pointer (RFC 6901; missing objects and arrays are created),
/// money as a string for <c>Convert: decimal</c> (a Shopify price, a HubSpot property), as integer minor units for
/// <c>minorUnits</c> (ISO 4217 exponent, a Stripe amount), else as a JSON number; a <c>Values</c> map is reversed.
/// A field that cannot be written back exactly — a constant, a value reached only through <c>"*"</c> or through two
/// native values, an amount finer than the currency's minor unit — refuses the whole body, naming the field.
/// A system without a mapping gets canonical names, renamed back through its <c>FieldMap</c>.
/// </summary>
public static class MappingInverter
{
    /// <summary>The body for <paramref name="fields"/> (canonical names) of <paramref name="record"/>; absent values are left out.</summary>
    public static MappingInversion Invert(RecordMapping? mapping, IReadOnlyDictionary<string, string>? fieldMap, OrderRecord record, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(fields);
        var canonical = JsonNode.Parse(CanonicalJson.Serialize(record))!.AsObject();
        var body = new JsonObject();
        if (mapping is null)
        {
            var names = (fieldMap ?? new Dictionary<string, string>()).ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
            foreach (var field in fields.Where(f => canonical[f] is not null))
            {
                body[names.GetValueOrDefault(field, field)] = canonical[field]!.DeepClone();
            }

            return new MappingInversion(body, null, null);
        }

        foreach (var field in fields)
        {
            if (canonical[field] is not { } value)
            {
                continue;
            }

            if (mapping.Rules.FirstOrDefault(r => r.Field == field) is not { } rule)
            {
                return MappingInversion.Refuse(field, "the system's Mapping has no rule for it, so Reconcile does not know where the system keeps it");
            }

            var native = rule.Kind == MappedKind.Lines ? Lines(rule, value, record.Currency) : Value(rule, field, value, record.Currency);
            if (native.Refusal is not null)
            {
                return native.Refusal;
            }

            if (Place(body, rule, native.Node!) is { } why)
            {
                return MappingInversion.Refuse(field, why);
            }
        }

        return new MappingInversion(body, null, null);
    }

    /// <summary>
    /// What can be said before any value is known: a field without a rule, a constant, a pointer to the whole payload.
    /// Null when every field may be written; otherwise "field cannot be written back: why".
    /// </summary>
    public static string? WhyNot(RecordMapping? mapping, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in mapping is null ? [] : fields)
        {
            var rule = mapping!.Rules.FirstOrDefault(r => r.Field == field);
            var why = rule switch
            {
                null => "the system's Mapping has no rule for it, so Reconcile does not know where the system keeps it",
                { Pointers.Count: 0 } => $"its mapping is the constant Value \"{rule.Constant}\", which the system does not store",
                _ when rule.Pointers[0].Pointer.SegmentCount == 0 => $"its pointer \"{rule.Pointers[0].Text}\" is the whole payload",
                _ => null,
            };
            if (why is not null)
            {
                return MappingInversion.Refuse(field, why).Describe();
            }
        }

        return null;
    }

    private static (JsonNode? Node, MappingInversion? Refusal) Lines(FieldRule rule, JsonNode lines, string? currency)
    {
        var array = new JsonArray();
        var index = 0;
        foreach (var line in lines.AsArray())
        {
            var item = new JsonObject();
            foreach (var itemRule in rule.Item)
            {
                var path = $"lines[{index}].{itemRule.Field}";
                if (line?[itemRule.Field] is not { } value)
                {
                    continue;
                }

                var native = Value(itemRule, path, value, currency);
                if (native.Refusal is not null)
                {
                    return native;
                }

                if (Place(item, itemRule, native.Node!) is { } why)
                {
                    return (null, MappingInversion.Refuse(path, why));
                }
            }

            array.Add(item);
            index++;
        }

        return (array, null);
    }

    private static (JsonNode? Node, MappingInversion? Refusal) Value(FieldRule rule, string field, JsonNode value, string? currency)
    {
        if (rule.Pointers.Count == 0)
        {
            return (null, MappingInversion.Refuse(field, $"its mapping is the constant Value \"{rule.Constant}\", which the system does not store"));
        }

        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        if (rule.Values.Count > 0)
        {
            var natives = rule.Values.Where(p => p.Value == text && p.Key != "*").Select(p => p.Key).ToList();
            return natives.Count switch
            {
                1 => (JsonValue.Create(natives[0]), null),
                0 => (null, MappingInversion.Refuse(field, $"Values has no entry for \"{text}\" (a value read through \"*\" cannot be written back)")),
                _ => (null, MappingInversion.Refuse(field, $"Values maps {string.Join(" and ", natives.Select(n => $"\"{n}\""))} to \"{text}\", so which one to write is ambiguous")),
            };
        }

        return rule.Kind switch
        {
            MappedKind.Money or MappedKind.Quantity => Number(rule, field, value.GetValue<decimal>(), currency),
            MappedKind.Timestamp => (Timestamp(rule.Reading, DateTimeOffset.Parse(text, CultureInfo.InvariantCulture)), null),
            _ => (JsonValue.Create(text), null),
        };
    }

    private static (JsonNode? Node, MappingInversion? Refusal) Number(FieldRule rule, string field, decimal amount, string? currency)
    {
        if (rule.Reading == Conversions.ExactDecimal)
        {
            return (JsonValue.Create(amount.ToString(CultureInfo.InvariantCulture)), null);
        }

        if (rule.Reading != Conversions.MinorUnits)
        {
            return (JsonValue.Create(amount), null);
        }

        if (!CurrencyExponent.TryGet(currency, out var exponent))
        {
            return (null, MappingInversion.Refuse(field, $"minor units need the currency's exponent, and '{currency}' is not an ISO 4217 currency"));
        }

        var units = amount;
        for (var i = 0; i < exponent; i++)
        {
            units *= 10m;
        }

        return units == decimal.Truncate(units)
            ? (JsonValue.Create((long)units), null)
            : (null, MappingInversion.Refuse(field, $"{amount.ToString(CultureInfo.InvariantCulture)} {currency} is not a whole number of minor units"));
    }

    private static JsonValue Timestamp(string? reading, DateTimeOffset at) => reading switch
    {
        Conversions.UnixSeconds => JsonValue.Create(at.ToUnixTimeSeconds()),
        Conversions.UnixMilliseconds => JsonValue.Create(at.ToUnixTimeMilliseconds()),
        _ => JsonValue.Create(at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)),
    };

    /// <summary>Sets <paramref name="value"/> at the rule's first pointer, creating objects (and arrays for index segments) on the way.</summary>
    private static string? Place(JsonObject root, FieldRule rule, JsonNode value)
    {
        var (text, pointer) = rule.Pointers[0];
        if (pointer.SegmentCount == 0)
        {
            return $"its pointer \"{text}\" is the whole payload";
        }

        JsonNode parent = root;
        for (var i = 0; i < pointer.SegmentCount; i++)
        {
            var segment = pointer[i].ToString();
            var last = i == pointer.SegmentCount - 1;
            JsonNode? Create() => last ? value : IsIndex(pointer[i + 1].ToString()) ? new JsonArray() : new JsonObject();
            switch (parent)
            {
                case JsonObject obj when obj[segment] is null:
                    obj[segment] = Create();
                    break;
                case JsonObject when last:
                    return $"another field is already written at \"{text}\"";
                case JsonObject:
                    break;
                case JsonArray array when IsIndex(segment) && int.Parse(segment, CultureInfo.InvariantCulture) == array.Count:
                    array.Add(Create());
                    break;
                case JsonArray array when IsIndex(segment) && int.Parse(segment, CultureInfo.InvariantCulture) < array.Count && !last:
                    break;
                default:
                    return $"its pointer \"{text}\" cannot be built (segment \"{segment}\")";
            }

            parent = parent is JsonObject o ? o[segment]! : parent.AsArray()[int.Parse(segment, CultureInfo.InvariantCulture)]!;
            if (!last && parent is not (JsonObject or JsonArray))
            {
                return $"its pointer \"{text}\" runs through a value another field wrote";
            }
        }

        return null;
    }

    private static bool IsIndex(string segment) => segment.Length is > 0 and < 6 && segment.All(char.IsAsciiDigit);
}
