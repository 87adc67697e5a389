using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Reconcile.Engine.Records;

/// <summary>
/// The canonical fields read so far from one payload; knows which are required. Values are normalised as
/// they are read (<see cref="RecordNormalizer"/>), so validation sees what every rule will see.
/// </summary>
internal sealed class RecordFields
{
    private string? _externalId, _customerId, _currency, _promoCode, _status, _campaign, _region;
    private decimal? _subtotal, _discount, _tax, _total;
    private DateTimeOffset? _updatedAt, _createdAt;
    private IReadOnlyList<OrderLine> _lines = [];
    private bool _seenOrderId, _seenCurrency, _seenTotal, _seenUpdatedAt;
    // The longest canonical name ("customerId", "promoCode", …) fits; a longer name is none of them.
    private const int MaxKnownName = 16;

    private static readonly FrozenDictionary<string, int> Known = new[]
    {
        "orderId", "externalId", "customerId", "currency", "subtotal", "discount", "tax", "total", "promoCode", "status",
        "campaign", "region", "updatedAt", "createdAt", "lines",
    }.Select((name, index) => (name, index)).ToFrozenDictionary(p => p.name, p => p.index, StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownByChars =
        Known.Keys.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    // The name each canonical field was sent under, by its place in Known: one small array per payload instead of a
    // dictionary grown field by field (the largest allocation of reading a payload). Unknown names keep a dictionary.
    private readonly string?[] _sentAs = new string?[Known.Count];
    private Dictionary<string, string>? _unknownSentAs;

    public string? OrderId { get; private set; }

    /// <summary>
    /// The property's name: for a canonical name the one string kept for it, so reading a payload does not allocate
    /// its names again; any other name as the property gives it.
    /// </summary>
    public static string NameOf(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        Span<char> chars = stackalloc char[MaxKnownName];
        // An escaped name is left to the property to unescape; a name this long is no canonical name.
        if (raw.Length <= MaxKnownName && !raw.Contains((byte)'\\')
            && Encoding.UTF8.TryGetChars(raw, chars, out var written) && KnownByChars.TryGetValue(chars[..written], out var name))
        {
            return name;
        }

        return property.Name;
    }

    public void Read(string canonical, string field, JsonElement value, FieldReader reader)
    {
        // A mapped name and its canonical twin in one payload would silently overwrite each other.
        if (SentBefore(canonical, field) is { } earlier)
        {
            reader.Fail(field, $"duplicate field: {canonical} was already sent as {earlier}");
            return;
        }

        switch (canonical)
        {
            case "orderId": _seenOrderId = true; OrderId = ReadOrderId(value, field, reader); break;
            case "externalId": _externalId = RecordNormalizer.Text(reader.OptionalString(value, field)); break;
            case "customerId": _customerId = RecordNormalizer.Text(reader.OptionalString(value, field)); break;
            case "currency": _seenCurrency = true; _currency = ReadCurrency(value, field, reader); break;
            case "subtotal": _subtotal = reader.OptionalMoney(value, field); break;
            case "discount": _discount = reader.OptionalMoney(value, field); break;
            case "tax": _tax = reader.OptionalMoney(value, field); break;
            case "total": _seenTotal = true; _total = reader.Number(value, field); break;
            case "promoCode": _promoCode = RecordNormalizer.Text(reader.OptionalString(value, field)); break;
            case "status": _status = RecordNormalizer.Text(reader.OptionalString(value, field)); break;
            case "campaign": _campaign = RecordNormalizer.Text(reader.OptionalString(value, field)); break;
            case "region": _region = RecordNormalizer.Text(reader.OptionalString(value, field)); break;
            case "updatedAt": _seenUpdatedAt = true; _updatedAt = reader.Timestamp(value, field)?.ToUniversalTime(); break;
            case "createdAt":
                _createdAt = value.ValueKind == JsonValueKind.Null ? null : reader.Timestamp(value, field)?.ToUniversalTime();
                break;
            case "lines": _lines = LineParser.Parse(value, reader); break;
            default: reader.Fail(field, "unexpected field"); break;
        }
    }

    /// <summary>The name <paramref name="canonical"/> was sent under earlier in this payload, or null (and it is now sent as <paramref name="field"/>).</summary>
    private string? SentBefore(string canonical, string field)
    {
        if (Known.TryGetValue(canonical, out var index))
        {
            var earlier = _sentAs[index];
            _sentAs[index] ??= field;
            return earlier;
        }

        _unknownSentAs ??= new Dictionary<string, string>(StringComparer.Ordinal);
        return _unknownSentAs.TryAdd(canonical, field) ? null : _unknownSentAs[canonical];
    }

    public void RequirePresent(FieldReader reader)
    {
        Require(_seenOrderId, "orderId", reader);
        Require(_seenCurrency, "currency", reader);
        Require(_seenTotal, "total", reader);
        Require(_seenUpdatedAt, "updatedAt", reader);
    }

    public OrderRecord ToRecord() => new()
    {
        OrderId = OrderId!,
        ExternalId = _externalId,
        CustomerId = _customerId,
        Currency = _currency!,
        Subtotal = _subtotal,
        Discount = _discount,
        Tax = _tax,
        Total = _total!.Value,
        PromoCode = _promoCode,
        Status = _status,
        Campaign = _campaign,
        Region = _region,
        UpdatedAt = _updatedAt!.Value,
        CreatedAt = _createdAt,
        Lines = _lines,
    };

    private static void Require(bool seen, string field, FieldReader reader)
    {
        if (!seen)
        {
            reader.Fail(field, "required field is missing");
        }
    }

    private static string? ReadOrderId(JsonElement value, string field, FieldReader reader)
    {
        // Some systems send numeric order ids; their JSON text is the id.
        var id = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : reader.RequiredString(value, field)?.Trim();
        if (id is { Length: 0 })
        {
            reader.Fail(field, "must not be empty");
            return null;
        }

        return id;
    }

    private static string? ReadCurrency(JsonElement value, string field, FieldReader reader)
    {
        var code = reader.RequiredString(value, field)?.Trim();
        if (code is not null && (code.Length != 3 || !IsUpperLetters(code)))
        {
            reader.Fail(field, $"expected a 3-letter ISO 4217 code such as USD, got \"{code}\"");
            return null;
        }

        return code;
    }

    private static bool IsUpperLetters(string code)
    {
        foreach (var c in code)
        {
            if (c is < 'A' or > 'Z')
            {
                return false;
            }
        }

        return true;
    }
}
