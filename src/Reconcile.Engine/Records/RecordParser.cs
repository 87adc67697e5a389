using System.Text.Json;

namespace Reconcile.Engine.Records;

/// <summary>Validates a payload against the canonical shape and builds an <see cref="OrderRecord"/>.</summary>
public static class RecordParser
{
    /// <summary>Parses raw JSON text; malformed JSON is one error on <c>$</c>.</summary>
    public static RecordParseResult Parse(string json, IReadOnlyDictionary<string, string>? fieldMap)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement, fieldMap);
        }
        catch (JsonException e)
        {
            return new RecordParseResult(null, [new FieldError("$", $"malformed JSON: {e.Message}")], null);
        }
    }

    /// <summary>
    /// Applies <paramref name="fieldMap"/> (source field name → canonical name), then validates.
    /// Errors name the field as the sender spelled it, so the sender can find it.
    /// </summary>
    public static RecordParseResult Parse(JsonElement payload, IReadOnlyDictionary<string, string>? fieldMap)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            var error = new FieldError("$", $"expected a JSON object, got {FieldReader.Describe(payload)}");
            return new RecordParseResult(null, [error], null);
        }

        var reader = new FieldReader();
        var fields = new RecordFields();
        foreach (var property in payload.EnumerateObject())
        {
            var name = RecordFields.NameOf(property);
            var canonical = fieldMap is not null && fieldMap.TryGetValue(name, out var mapped) ? mapped : name;
            fields.Read(canonical, name, property.Value, reader);
        }

        fields.RequirePresent(reader);
        var record = reader.Errors.Count == 0 ? fields.ToRecord() : null;
        return new RecordParseResult(record, reader.Errors, fields.OrderId);
    }
}
