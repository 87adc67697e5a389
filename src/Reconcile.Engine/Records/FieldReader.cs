using System.Globalization;
using System.Text.Json;

namespace Reconcile.Engine.Records;

/// <summary>Typed reads of JSON values that collect a <see cref="FieldError"/> instead of throwing.</summary>
internal sealed class FieldReader
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public void Fail(string field, string message) => _errors.Add(new FieldError(field, message));

    public string? OptionalString(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(field, $"expected a string, got {Describe(value)}");
            return null;
        }

        return value.GetString();
    }

    public string? RequiredString(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            Fail(field, "must not be null");
            return null;
        }

        return OptionalString(value, field);
    }

    public decimal? OptionalMoney(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Null ? null : Number(value, field);

    /// <summary>Reads a JSON number as an exact decimal; doubles never touch money.</summary>
    public decimal? Number(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            Fail(field, $"expected a number, got {Describe(value)}");
            return null;
        }

        if (!value.TryGetDecimal(out var number))
        {
            Fail(field, "number is out of range for a decimal");
            return null;
        }

        return number;
    }

    public DateTimeOffset? Timestamp(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(field, $"expected an ISO-8601 date-time string, got {Describe(value)}");
            return null;
        }

        var text = value.GetString() ?? string.Empty;

        // Without an explicit offset the parser would assume the machine's zone: refuse rather than guess.
        if (!HasOffset(text) || !DateTimeOffset.TryParse(
                text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            Fail(field, $"expected an ISO-8601 date-time with offset (e.g. 2026-11-20T10:00:00Z), got \"{text}\"");
            return null;
        }

        return parsed;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (t < 0)
        {
            return false;
        }

        var time = text.AsSpan(t + 1);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') >= 0;
    }
}
