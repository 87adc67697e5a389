using System.Text.Json;
using System.Text.Json.Nodes;
using Reconcile.Engine.Records;

namespace Reconcile.Ingest.Mapping;

/// <summary>
/// A system's compiled <c>Mapping</c>: turns one payload in the system's own shape into a canonical record,
/// or says which field could not be read, at which pointer, and why. Pure: JSON in, record or reasons out.
/// The canonical object it builds goes through <see cref="RecordParser"/>, so mapped and pushed records are
/// validated by the same rules. Unmapped fields are ignored (they stay in the raw payload).
/// </summary>
public sealed class RecordMapping(IReadOnlyList<FieldRule> rules)
{
    /// <summary>The compiled rules, currency first.</summary>
    public IReadOnlyList<FieldRule> Rules { get; } = rules;

    /// <summary>Maps <paramref name="payload"/>; errors name the canonical field and carry the pointer and the reason.</summary>
    public RecordParseResult Parse(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return new RecordParseResult(null, [new FieldError("$", $"expected a JSON object, got {Describe(payload)}")], null);
        }

        var (canonical, errors) = Map(payload);
        var parsed = RecordParser.Parse(JsonSerializer.SerializeToElement(canonical), fieldMap: null);
        if (errors.Count == 0)
        {
            return parsed;
        }

        // The mapping's reasons are the precise ones; the parser's "required field is missing" for the same field adds nothing.
        var failed = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        return new RecordParseResult(null, [.. errors, .. parsed.Errors.Where(e => !failed.Contains(e.Field))], parsed.OrderId);
    }

    /// <summary>Builds the canonical JSON object with every field that could be read, and the errors of those that could not.</summary>
    public (JsonObject Canonical, IReadOnlyList<FieldError> Errors) Map(JsonElement payload)
    {
        var canonical = new JsonObject();
        var errors = new List<FieldError>();
        var context = new MappingContext(errors);
        foreach (var rule in Rules)
        {
            if (rule.Kind == MappedKind.Lines)
            {
                MapLines(rule, payload, canonical, context);
                continue;
            }

            var value = FieldValueReader.Read(rule, payload, rule.Field, context);
            if (value is not null)
            {
                canonical[rule.Field] = value;
                if (rule.Field == "currency")
                {
                    context.Currency = value.GetValue<string>();
                }
            }
            else if (CanonicalFields.RequiredRecord.Contains(rule.Field) && !context.HasError(rule.Field))
            {
                context.Fail(rule.Field, $"required, but nothing found at {rule.Where}");
            }
        }

        return (canonical, errors);
    }

    private static void MapLines(FieldRule rule, JsonElement payload, JsonObject canonical, MappingContext context)
    {
        var found = FieldValueReader.Find(rule, payload);
        if (found is not { } array)
        {
            return;
        }

        if (array.Value.ValueKind != JsonValueKind.Array)
        {
            context.Fail("lines", $"expected an array at {array.Pointer}, got {Describe(array.Value)}");
            return;
        }

        var lines = new JsonArray();
        var index = 0;
        foreach (var element in array.Value.EnumerateArray())
        {
            var line = new JsonObject();
            foreach (var itemRule in rule.Item)
            {
                var path = $"lines[{index}].{itemRule.Field}";
                if (FieldValueReader.Read(itemRule, element, path, context) is { } value)
                {
                    line[itemRule.Field] = value;
                }
                else if (CanonicalFields.RequiredLine.Contains(itemRule.Field) && !context.HasError(path))
                {
                    context.Fail(path, $"nothing found at {itemRule.Where} in {array.Pointer}/{index}");
                }
            }

            lines.Add(line);
            index++;
        }

        canonical["lines"] = lines;
    }

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
