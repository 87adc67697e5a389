using System.Text.Json.Nodes;
using Reconcile.Engine.Records;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Records;

public class RecordParserTests
{
    private static readonly Dictionary<string, string> CrmMap = new() { ["promo_tag"] = "promoCode" };

    [Fact]
    public void Canonical_payload_parses_into_an_exact_record()
    {
        var result = RecordParser.Parse(Orders.DefaultJson, null);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var record = result.Record!;
        Assert.Equal("1042", record.OrderId);
        Assert.Equal(90.00m, record.Total);
        Assert.Equal("90.00", record.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(10.00m, record.Discount);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), record.UpdatedAt);
        Assert.Equal([new OrderLine("SKU-1", 2, 30.00m), new OrderLine("SKU-2", 1, 40.00m)], record.Lines);
    }

    [Fact]
    public void A_canonical_name_written_with_json_escapes_is_the_same_field()
    {
        var escaped = Orders.DefaultJson.Replace("\"orderId\"", "\"order\\u0049d\"", StringComparison.Ordinal)
            .Replace("\"promoCode\"", "\"promo\\u0043ode\"", StringComparison.Ordinal);

        var result = RecordParser.Parse(escaped, null);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(("1042", "SPRING24"), (result.Record!.OrderId, result.Record.PromoCode));
    }

    [Theory]
    [InlineData("orderIdentifierOfTheShop")]
    [InlineData("ordérId")]
    [InlineData("order")]
    public void A_name_close_to_a_canonical_one_is_an_unexpected_field_named_as_sent(string name)
    {
        // Written into the text as is (not escaped), so a non-ASCII name reaches the lookup as its UTF-8 bytes.
        var json = Orders.DefaultJson.Replace("\"orderId\": \"1042\",", $"\"orderId\": \"1042\", \"{name}\": \"x\",", StringComparison.Ordinal);

        var result = RecordParser.Parse(json, null);

        Assert.Contains($"\"{name}\"", json, StringComparison.Ordinal);
        Assert.Equal([new FieldError(name, "unexpected field")], result.Errors);
    }

    [Fact]
    public void A_line_field_written_with_json_escapes_is_the_same_field()
    {
        var json = Orders.DefaultJson.Replace("\"sku\": \"SKU-2\"", "\"s\\u006bu\": \"SKU-2\"", StringComparison.Ordinal);

        var result = RecordParser.Parse(json, null);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("SKU-2", result.Record!.Lines[1].Sku);
    }

    [Fact]
    public void Money_is_read_as_decimal_without_binary_rounding()
    {
        var result = RecordParser.Parse(Edit(o => o["total"] = JsonValue.Create(0.1m + 0.2m)), null);

        Assert.Equal(0.3m, result.Record!.Total);
    }

    [Theory]
    [InlineData("orderId")]
    [InlineData("currency")]
    [InlineData("total")]
    [InlineData("updatedAt")]
    public void Each_required_field_is_required(string field)
    {
        var result = RecordParser.Parse(Edit(o => o.Remove(field)), null);

        Assert.False(result.IsValid);
        Assert.Null(result.Record);
        Assert.Contains(result.Errors, e => e.Field == field && e.Message.Contains("required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("total", "\"90.00\"", "total")]
    [InlineData("discount", "\"10\"", "discount")]
    [InlineData("currency", "12", "currency")]
    [InlineData("currency", "\"DOLLARS\"", "currency")]
    [InlineData("currency", "null", "currency")]
    [InlineData("updatedAt", "\"yesterday\"", "updatedAt")]
    [InlineData("updatedAt", "\"2026-11-20T10:00:00\"", "updatedAt")]
    [InlineData("customerId", "77", "customerId")]
    [InlineData("orderId", "\"\"", "orderId")]
    [InlineData("orderId", "true", "orderId")]
    [InlineData("lines", "\"SKU-1\"", "lines")]
    [InlineData("lines", "[ 5 ]", "lines[0]")]
    [InlineData("lines", "[ { \"sku\": 5, \"quantity\": 1, \"unitPrice\": 1 } ]", "lines[0].sku")]
    [InlineData("lines", "[ { \"sku\": \"A\", \"quantity\": 1, \"unitPrice\": 1 }, { \"sku\": \"B\", \"quantity\": \"2\", \"unitPrice\": 1 } ]", "lines[1].quantity")]
    [InlineData("lines", "[ { \"sku\": \"A\", \"quantity\": 1 } ]", "lines[0].unitPrice")]
    [InlineData("lines", "[ { \"sku\": \"A\", \"quantity\": 1, \"unitPrice\": 1, \"colour\": \"red\" } ]", "lines[0].colour")]
    public void Wrong_types_are_errors_on_their_path(string field, string json, string expectedPath)
    {
        var result = RecordParser.Parse(Edit(o => o[field] = JsonNode.Parse(json)), null);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Field == expectedPath);
    }

    [Fact]
    public void An_unexpected_field_is_an_error()
    {
        var result = RecordParser.Parse(Edit(o => o["colour"] = "red"), null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(new FieldError("colour", "unexpected field"), error);
    }

    [Fact]
    public void The_field_map_renames_system_fields_to_canonical_ones()
    {
        var json = Edit(o =>
        {
            o.Remove("promoCode");
            o["promo_tag"] = "SPRING24";
        });

        var mapped = RecordParser.Parse(json, CrmMap);
        var unmapped = RecordParser.Parse(json, null);

        Assert.Equal("SPRING24", mapped.Record!.PromoCode);
        Assert.Contains(unmapped.Errors, e => e.Field == "promo_tag");
    }

    [Fact]
    public void A_mapped_field_sent_twice_under_both_names_is_an_error()
    {
        var result = RecordParser.Parse(Edit(o => o["promo_tag"] = "WELCOME5"), CrmMap);

        Assert.Contains(result.Errors, e => e.Field == "promo_tag" && e.Message.StartsWith("duplicate field", StringComparison.Ordinal));
    }

    [Fact]
    public void A_numeric_order_id_is_read_as_its_text()
    {
        var result = RecordParser.Parse(Edit(o => o["orderId"] = 1042), null);

        Assert.Equal("1042", result.Record!.OrderId);
    }

    [Fact]
    public void The_order_id_is_reported_even_when_the_payload_is_invalid()
    {
        var result = RecordParser.Parse(Edit(o => o["total"] = "90.00"), null);

        Assert.False(result.IsValid);
        Assert.Equal("1042", result.OrderId);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"an order\"")]
    [InlineData("{ not json")]
    public void A_payload_that_is_not_a_json_object_is_one_error_on_the_root(string json)
    {
        var result = RecordParser.Parse(json, null);

        Assert.Equal("$", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Optional_fields_may_be_null_or_absent()
    {
        var result = RecordParser.Parse(
            """{ "orderId": "7", "currency": "EUR", "total": 5, "updatedAt": "2026-11-20T10:00:00+01:00", "promoCode": null, "lines": null }""",
            null);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Null(result.Record!.PromoCode);
        Assert.Empty(result.Record.Lines);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), result.Record.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, result.Record.UpdatedAt.Offset);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void A_blank_optional_value_means_no_value(string blank)
    {
        var result = RecordParser.Parse(
            $$"""{ "orderId": "7", "currency": "USD", "total": 5, "updatedAt": "2026-11-20T10:00:00Z", "promoCode": {{blank}}, "campaign": {{blank}}, "customerId": {{blank}} }""",
            null);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal((null, null, null), (result.Record!.PromoCode, result.Record.Campaign, result.Record.CustomerId));
    }

    [Fact]
    public void Whitespace_around_ids_and_codes_is_not_part_of_them_and_case_is_kept()
    {
        var result = RecordParser.Parse(
            """{ "orderId": " X-1 ", "externalId": "inv-9\t", "customerId": " c-77", "currency": " USD ", "total": 5, "updatedAt": "2026-11-20T10:00:00Z", "promoCode": "WINTER26  ", "lines": [ { "sku": " SKU-1 ", "quantity": 1, "unitPrice": 5 } ] }""",
            null);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var record = result.Record!;
        Assert.Equal(("X-1", "inv-9", "c-77", "USD", "WINTER26", "SKU-1"), (record.OrderId, record.ExternalId, record.CustomerId, record.Currency, record.PromoCode, record.Lines[0].Sku));
        Assert.Equal("X-1", result.OrderId);
    }

    [Fact]
    public void An_order_id_of_only_whitespace_is_empty()
    {
        var result = RecordParser.Parse("""{ "orderId": "  ", "currency": "USD", "total": 5, "updatedAt": "2026-11-20T10:00:00Z" }""", null);

        Assert.Contains(result.Errors, e => e.Field == "orderId" && e.Message == "must not be empty");
    }

    private static string Edit(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Orders.DefaultJson)!.AsObject();
        change(json);
        return json.ToJsonString();
    }
}
