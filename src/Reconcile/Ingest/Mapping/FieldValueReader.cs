using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconcile.Engine.Records;

namespace Reconcile.Ingest.Mapping;

/// <summary>
/// Reads one mapped value: the first pointer that finds something (a missing member, null and "" find nothing),
/// else the constant; then text steps, the <c>Values</c> map, and the kind's reading. Numbers are read from their
/// JSON text, so money never passes through <c>double</c> and 64-bit ids keep every digit.
/// </summary>
internal static class FieldValueReader
{
    private const NumberStyles Exact = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The first value found by the rule's pointers, with the pointer that found it.</summary>
    public static (string Pointer, JsonElement Value)? Find(FieldRule rule, JsonElement payload)
    {
        foreach (var (text, pointer) in rule.Pointers)
        {
            if (pointer.Evaluate(payload) is { } value
                && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
                && !(value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
            {
                return (text, value);
            }
        }

        return null;
    }

    /// <summary>The canonical JSON value for <paramref name="rule"/>, or null (nothing found, or an error added under <paramref name="path"/>).</summary>
    public static JsonNode? Read(FieldRule rule, JsonElement payload, string path, MappingContext context)
    {
        string text, where;
        if (Find(rule, payload) is { } found)
        {
            where = found.Pointer;
            if (found.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                context.Fail(path, $"expected a single value at {where}, got {RecordMapping.Describe(found.Value)}");
                return null;
            }

            // A number's own JSON text: exact for 64-bit ids and for money alike.
            text = found.Value.ValueKind == JsonValueKind.String ? found.Value.GetString()! : found.Value.GetRawText();
        }
        else if (rule.Constant is not null)
        {
            (text, where) = (rule.Constant, "Value");
        }
        else
        {
            return null;
        }

        foreach (var step in rule.TextSteps)
        {
            text = step switch
            {
                Conversions.Trim => text.Trim(),
                Conversions.Upper => text.ToUpperInvariant(),
                _ => text.ToLowerInvariant(),
            };
        }

        if (rule.Values.Count > 0)
        {
            if (!rule.Values.TryGetValue(text, out var mapped) && !rule.Values.TryGetValue("*", out mapped))
            {
                context.Fail(path, $"\"{text}\" at {where} is not in Values (known: {string.Join(", ", rule.Values.Keys)})");
                return null;
            }

            text = mapped;
        }

        return rule.Kind switch
        {
            MappedKind.Money when rule.Reading == Conversions.MinorUnits => MinorUnits(text, where, path, context),
            MappedKind.Money or MappedKind.Quantity => Decimal(text, where, path, context),
            MappedKind.Timestamp => TimestampReader.Read(rule.Reading, text, where, path, context),
            _ => JsonValue.Create(text),
        };
    }

    private static JsonValue? Decimal(string text, string where, string path, MappingContext context)
    {
        if (!decimal.TryParse(text, Exact, CultureInfo.InvariantCulture, out var amount))
        {
            context.Fail(path, $"\"{text}\" at {where} is not a decimal number");
            return null;
        }

        return JsonValue.Create(amount);
    }

    private static JsonValue? MinorUnits(string text, string where, string path, MappingContext context)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var units))
        {
            context.Fail(path, $"\"{text}\" at {where} is not an integer number of minor units");
            return null;
        }

        if (!CurrencyExponent.TryGet(context.Currency, out var exponent))
        {
            var why = context.Currency is null ? "the record has no currency" : $"'{context.Currency}' is not an ISO 4217 currency";
            context.Fail(path, $"minor units at {where} need the currency's exponent, but {why}");
            return null;
        }

        var scale = 1m;
        for (var i = 0; i < exponent; i++)
        {
            scale *= 10m;
        }

        return JsonValue.Create(units / scale);
    }
}
