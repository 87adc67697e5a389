using System.Globalization;
using System.Text.Json;

namespace Reconcile.Ingest;

/// <summary>
/// Reads one reference item's fields, collecting an error per bad field instead of throwing. Text is
/// normalised as records are: trimmed (ids and codes never carry whitespace, case is kept), and blank
/// means no value.
/// </summary>
internal sealed class ReferenceItemReader(JsonElement item, int index, List<IngestError> errors)
{
    private readonly int _errorsBefore = errors.Count;

    public bool IsValid => errors.Count == _errorsBefore && item.ValueKind == JsonValueKind.Object;

    public void Fail(string field, string message) => errors.Add(new IngestError(index, null, field, message));

    public string? RequiredString(string field)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            Fail("$", "expected a JSON object");
            return null;
        }

        var value = OptionalString(field);
        if (string.IsNullOrWhiteSpace(value) && IsValid)
        {
            Fail(field, "required");
        }

        return value;
    }

    public string? OptionalString(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(field, $"expected a string, got {value.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public decimal? OptionalDecimal(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            Fail(field, "expected a decimal number");
            return null;
        }

        return number;
    }

    public DateTimeOffset? OptionalDate(string field)
    {
        var text = OptionalString(field);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            Fail(field, "expected an ISO-8601 date or date-time");
            return null;
        }

        return at;
    }

    private bool TryGet(string field, out JsonElement value)
    {
        value = default;
        return item.ValueKind == JsonValueKind.Object
            && item.TryGetProperty(field, out value)
            && value.ValueKind != JsonValueKind.Null;
    }
}
