using System.Collections.Frozen;
using Json.Pointer;
using Reconcile.Topology;

namespace Reconcile.Ingest.Mapping;

/// <summary>
/// Turns a system's <c>Mapping</c> configuration into <see cref="FieldRule"/>s, adding one failure per problem
/// (bad pointer syntax, unknown conversion, unknown canonical field, a required field not mapped), each naming
/// its configuration key. Pointer syntax is RFC 6901, parsed by JsonPointer.Net.
/// </summary>
public static class MappingCompiler
{
    /// <summary>Compiles <paramref name="mapping"/> found at configuration key <paramref name="key"/>; null when it has failures.</summary>
    public static RecordMapping? Compile(string key, IReadOnlyDictionary<string, FieldMappingOptions> mapping, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(failures);
        var before = failures.Count;
        var rules = CompileAll(key, mapping, CanonicalFields.Record, CanonicalFields.RequiredRecord, failures);
        return failures.Count == before ? new RecordMapping(rules) : null;
    }

    private static List<FieldRule> CompileAll(
        string key, IReadOnlyDictionary<string, FieldMappingOptions> mapping, FrozenDictionary<string, MappedKind> fields,
        IReadOnlyList<string> required, List<string> failures)
    {
        var rules = new List<FieldRule>();
        foreach (var (field, options) in mapping)
        {
            if (!fields.TryGetValue(field, out var kind))
            {
                failures.Add($"{key}:{field}: '{field}' is not a canonical field (use {string.Join(", ", fields.Keys)})");
                continue;
            }

            if (Compile($"{key}:{field}", field, kind, options, failures) is { } rule)
            {
                rules.Add(rule);
            }
        }

        foreach (var field in required.Where(f => !mapping.ContainsKey(f)))
        {
            failures.Add($"{key}:{field}: required — say where the payload keeps it (a JSON Pointer such as \"/id\", or a Value)");
        }

        // The currency comes first: minor units are read by its exponent.
        return [.. rules.OrderBy(r => r.Field == "currency" ? 0 : 1)];
    }

    private static FieldRule? Compile(string key, string field, MappedKind kind, FieldMappingOptions options, List<string> failures)
    {
        var before = failures.Count;
        var pointers = new List<(string, JsonPointer)>();
        var index = 0;
        foreach (var text in options.AllPointers())
        {
            var at = options.Pointer is not null && index == 0 ? $"{key}:Pointer" : $"{key}:Pointers:{index - (options.Pointer is null ? 0 : 1)}";
            if (!JsonPointer.TryParse(text, out var pointer) || !(text.Length == 0 || text.StartsWith('/')))
            {
                failures.Add($"{at}: '{text}' is not a JSON Pointer (RFC 6901: \"\" or \"/name/0/…\", with ~0 for ~ and ~1 for /)");
            }
            else
            {
                pointers.Add((text, pointer));
            }

            index++;
        }

        if (index == 0 && options.Value is null)
        {
            failures.Add($"{key}: give a Pointer (or Pointers) or a Value");
        }

        var (steps, reading) = CompileConvert(key, kind, options.Convert, failures);
        var item = kind == MappedKind.Lines ? CompileItem(key, options, failures) : [];
        if (kind != MappedKind.Lines && options.Item.Count > 0)
        {
            failures.Add($"{key}:Item: only 'lines' has an Item mapping");
        }

        return failures.Count > before ? null : new FieldRule
        {
            Field = field, Kind = kind, Pointers = pointers, TextSteps = steps, Reading = reading,
            Values = options.Values, Constant = options.Value, Item = item,
        };
    }

    private static (List<string> Steps, string? Reading) CompileConvert(string key, MappedKind kind, string? convert, List<string> failures)
    {
        var steps = new List<string>();
        string? reading = null;
        foreach (var name in (convert ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var readings = Conversions.ReadingsFor(kind);
            if (Conversions.IsTextStep(name) && kind != MappedKind.Lines)
            {
                steps.Add(name);
            }
            else if (readings.Contains(name) && reading is null)
            {
                reading = name;
            }
            else if (readings.Contains(name))
            {
                failures.Add($"{key}:Convert: '{reading}' and '{name}' both say how to read the value; keep one");
            }
            else
            {
                var allowed = kind == MappedKind.Lines ? "none" : string.Join(", ", [.. readings, Conversions.Trim, Conversions.Upper, Conversions.Lower]);
                failures.Add($"{key}:Convert: '{name}' is not a conversion for a {kind.ToString().ToLowerInvariant()} field (use {allowed})");
            }
        }

        return (steps, reading);
    }

    private static List<FieldRule> CompileItem(string key, FieldMappingOptions options, List<string> failures)
    {
        if (options.Item.Count == 0)
        {
            failures.Add($"{key}:Item: required for lines — how each element becomes a line (sku, quantity, unitPrice)");
            return [];
        }

        return CompileAll($"{key}:Item", options.Item, CanonicalFields.Line, CanonicalFields.RequiredLine, failures);
    }
}
