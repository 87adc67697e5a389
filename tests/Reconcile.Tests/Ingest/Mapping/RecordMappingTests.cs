using System.Text.Json;
using Reconcile.Engine.Records;
using Reconcile.Ingest.Mapping;
using Reconcile.Topology;

namespace Reconcile.Tests.Ingest.Mapping;

/// <summary>The mapping language on its own: JSON in, a canonical record or the pointer and the reason out.</summary>
public sealed class RecordMappingTests
{
    private static FieldMappingOptions At(string pointer, string? convert = null) => new() { Pointer = pointer, Convert = convert };

    private static Dictionary<string, FieldMappingOptions> Base() => new()
    {
        ["orderId"] = At("/id"),
        ["currency"] = At("/cur", "upper"),
        ["total"] = At("/amount"),
        ["updatedAt"] = At("/at"),
    };

    private static RecordParseResult Map(Dictionary<string, FieldMappingOptions> mapping, string json)
    {
        var failures = new List<string>();
        var compiled = MappingCompiler.Compile("Systems:test:Mapping", mapping, failures);
        Assert.Empty(failures);
        return compiled!.Parse(JsonDocument.Parse(json).RootElement);
    }

    [Theory]
    [InlineData("\"403.10\"")]
    [InlineData("403.1")]
    [InlineData("\"4.031e2\"")]
    public void A_decimal_is_the_same_amount_from_a_string_or_a_number(string amount)
    {
        var result = Map(Base(), $$"""{"id":1,"cur":"usd","amount":{{amount}},"at":"2026-11-20T10:00:00Z"}""");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(403.1m, result.Record!.Total);
    }

    [Fact]
    public void Money_with_more_digits_than_a_double_holds_is_kept_exactly()
    {
        var result = Map(Base(), """{"id":"a","cur":"USD","amount":12345678901234567.89,"at":"2026-11-20T10:00:00Z"}""");

        Assert.Equal(12345678901234567.89m, result.Record!.Total);
    }

    [Theory]
    [InlineData("USD", "999", "9.99")]
    [InlineData("JPY", "999", "999")]
    [InlineData("KWD", "999", "0.999")]
    [InlineData("CLF", "999", "0.0999")]
    [InlineData("usd", "\"-250\"", "-2.50")]
    public void Minor_units_are_divided_by_the_currency_exponent(string currency, string units, string expected)
    {
        var mapping = Base();
        mapping["total"] = At("/amount", "minorUnits");

        var result = Map(mapping, $$"""{"id":1,"cur":"{{currency}}","amount":{{units}},"at":"2026-11-20T10:00:00Z"}""");

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Record!.Total);
    }

    [Fact]
    public void A_64_bit_numeric_id_keeps_every_digit()
    {
        var result = Map(Base(), """{"id":9007199254740993,"cur":"USD","amount":1,"at":"2026-11-20T10:00:00Z"}""");

        Assert.Equal("9007199254740993", result.Record!.OrderId);
    }

    [Theory]
    [InlineData("\"2026-11-20T05:00:00-05:00\"", null)]
    [InlineData("1795168800", "unixSeconds")]
    [InlineData("\"1795168800000\"", "unixMilliseconds")]
    public void Timestamps_are_normalised_to_utc(string value, string? convert)
    {
        var mapping = Base();
        mapping["updatedAt"] = At("/at", convert);

        var result = Map(mapping, $$"""{"id":1,"cur":"USD","amount":1,"at":{{value}}}""");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), result.Record!.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, result.Record.UpdatedAt.Offset);
    }

    [Fact]
    public void Pointers_are_tried_in_order_and_null_or_empty_finds_nothing()
    {
        var mapping = Base();
        mapping["orderId"] = new FieldMappingOptions { Pointers = ["/a", "/b", "/c", "/d"] };

        var result = Map(mapping, """{"b":null,"c":"","d":"#1001","cur":"USD","amount":1,"at":"2026-11-20T10:00:00Z"}""");

        Assert.Equal("#1001", result.Record!.OrderId);
    }

    [Fact]
    public void Values_map_enumerations_with_a_catch_all_and_a_constant_fills_what_is_absent()
    {
        var mapping = Base();
        mapping["status"] = new FieldMappingOptions { Pointer = "/s", Convert = "trim,lower", Values = new() { ["closedwon"] = "paid", ["*"] = "pending" } };
        mapping["region"] = new FieldMappingOptions { Value = "US-CA" };

        var won = Map(mapping, """{"id":1,"cur":"USD","amount":1,"at":"2026-11-20T10:00:00Z","s":" ClosedWon "}""");
        var other = Map(mapping, """{"id":1,"cur":"USD","amount":1,"at":"2026-11-20T10:00:00Z","s":"qualified"}""");

        Assert.Equal(("paid", "US-CA"), (won.Record!.Status, won.Record.Region));
        Assert.Equal("pending", other.Record!.Status);
    }

    [Fact]
    public void A_value_outside_a_strict_values_map_is_refused_naming_it()
    {
        var mapping = Base();
        mapping["status"] = new FieldMappingOptions { Pointer = "/s", Values = new() { ["paid"] = "paid" } };

        var result = Map(mapping, """{"id":1,"cur":"USD","amount":1,"at":"2026-11-20T10:00:00Z","s":"voided"}""");

        Assert.False(result.IsValid);
        Assert.Equal(new FieldError("status", "\"voided\" at /s is not in Values (known: paid)"), Assert.Single(result.Errors));
    }

    [Fact]
    public void Lines_are_read_through_the_item_mapping_and_a_bad_line_names_its_index()
    {
        var mapping = Base();
        mapping["lines"] = new FieldMappingOptions
        {
            Pointer = "/items",
            Item = new() { ["sku"] = At("/sku"), ["quantity"] = At("/qty"), ["unitPrice"] = At("/price", "minorUnits") },
        };
        const string Json = """{"id":1,"cur":"JPY","amount":1500,"at":"2026-11-20T10:00:00Z","items":[{"sku":"A","qty":"2","price":500},{"sku":"B","qty":1,"price":"5.5"}]}""";

        var result = Map(mapping, Json);

        Assert.False(result.IsValid);
        Assert.Equal("1", result.OrderId);
        Assert.Equal(new FieldError("lines[1].unitPrice", "\"5.5\" at /price is not an integer number of minor units"), Assert.Single(result.Errors));
        var good = Map(mapping, Json.Replace("\"5.5\"", "500", StringComparison.Ordinal));
        Assert.Equal([new OrderLine("A", 2, 500m), new OrderLine("B", 1, 500m)], good.Record!.Lines);
    }

    [Fact]
    public void Missing_required_fields_and_unreadable_values_are_each_reported_with_their_pointer()
    {
        var result = Map(Base(), """{"cur":"USD","amount":{"value":1},"at":"yesterday"}""");

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                new FieldError("orderId", "required, but nothing found at /id"),
                new FieldError("total", "expected a single value at /amount, got an object"),
                new FieldError("updatedAt", "\"yesterday\" at /at is not an ISO 8601 date-time with an offset (e.g. 2026-11-20T05:00:00-05:00)"),
            ],
            result.Errors);
    }

    [Fact]
    public void Minor_units_without_a_known_currency_are_refused_rather_than_guessed()
    {
        var mapping = Base();
        mapping["total"] = At("/amount", "minorUnits");

        var result = Map(mapping, """{"id":1,"cur":"XYZ","amount":999,"at":"2026-11-20T10:00:00Z"}""");

        Assert.Contains(new FieldError("total", "minor units at /amount need the currency's exponent, but 'XYZ' is not an ISO 4217 currency"), result.Errors);
    }
}
