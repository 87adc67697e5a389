using Reconcile.Engine.Records;
using Reconcile.Ingest.Mapping;
using Reconcile.Topology;

namespace Reconcile.Tests.Ingest.Mapping;

/// <summary>A mapping run backwards: the write body a replay sends, in the system's own shape, or which field cannot be written and why.</summary>
public sealed class MappingInverterTests
{
    private static readonly OrderRecord Order = new()
    {
        OrderId = "#1001", Currency = "USD", Total = 90.00m, Discount = 10.00m, PromoCode = "SPRING24", Status = "paid",
        UpdatedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), Lines = [new OrderLine("SKU-1", 2m, 45.00m)],
    };

    private static FieldMappingOptions At(string pointer, string? convert = null) => new() { Pointer = pointer, Convert = convert };

    private static RecordMapping Compile(Dictionary<string, FieldMappingOptions> extra)
    {
        var mapping = new Dictionary<string, FieldMappingOptions>
        {
            ["orderId"] = At("/name"), ["currency"] = At("/currency"), ["total"] = At("/total_price", "decimal"), ["updatedAt"] = At("/updated_at"),
        };
        foreach (var (field, options) in extra)
        {
            mapping[field] = options;
        }

        var failures = new List<string>();
        var compiled = MappingCompiler.Compile("Systems:test:Mapping", mapping, failures);
        Assert.Empty(failures);
        return compiled!;
    }

    [Fact]
    public void Decimal_money_is_written_as_a_string_and_nested_pointers_and_arrays_are_created()
    {
        var mapping = Compile(new() { ["promoCode"] = At("/discount_codes/0/code"), ["discount"] = At("/totals/discounts", "decimal") });

        var body = MappingInverter.Invert(mapping, null, Order, ["total", "promoCode", "discount"]).Body!;

        Assert.Equal("""{"total_price":"90.00","discount_codes":[{"code":"SPRING24"}],"totals":{"discounts":"10.00"}}""", body.ToJsonString());
    }

    [Theory]
    [InlineData("USD", "9000")]
    [InlineData("JPY", "90")]
    [InlineData("KWD", "90000")]
    public void Minor_units_are_multiplied_by_the_currency_exponent(string currency, string expected)
    {
        var mapping = Compile(new() { ["total"] = At("/amount_due", "minorUnits") });

        var body = MappingInverter.Invert(mapping, null, Order with { Currency = currency }, ["total"]).Body!;

        Assert.Equal($$"""{"amount_due":{{expected}}}""", body.ToJsonString());
    }

    [Fact]
    public void An_amount_finer_than_the_minor_unit_is_refused_naming_the_field()
    {
        var mapping = Compile(new() { ["total"] = At("/amount_due", "minorUnits") });

        var refusal = MappingInverter.Invert(mapping, null, Order with { Total = 9.999m }, ["total"]);

        Assert.Equal("total cannot be written back: 9.999 USD is not a whole number of minor units", refusal.Describe());
    }

    [Fact]
    public void A_values_map_is_reversed_and_an_ambiguous_one_is_refused()
    {
        var one = Compile(new() { ["status"] = new FieldMappingOptions { Pointer = "/properties/dealstage", Values = new() { ["closedwon"] = "paid", ["*"] = "open" } } });
        var two = Compile(new() { ["status"] = new FieldMappingOptions { Pointer = "/stage", Values = new() { ["won"] = "paid", ["closedwon"] = "paid" } } });

        Assert.Equal("""{"properties":{"dealstage":"closedwon"}}""", MappingInverter.Invert(one, null, Order, ["status"]).Body!.ToJsonString());
        Assert.Equal("""status cannot be written back: Values maps "won" and "closedwon" to "paid", so which one to write is ambiguous""",
            MappingInverter.Invert(two, null, Order, ["status"]).Describe());
        Assert.Equal("""status cannot be written back: Values has no entry for "open" (a value read through "*" cannot be written back)""",
            MappingInverter.Invert(one, null, Order with { Status = "open" }, ["status"]).Describe());
    }

    [Fact]
    public void Lines_are_written_through_their_item_mapping()
    {
        var lines = new FieldMappingOptions
        {
            Pointer = "/lines/data",
            Item = new() { ["sku"] = At("/price/lookup_key"), ["quantity"] = At("/quantity"), ["unitPrice"] = At("/price/unit_amount", "minorUnits") },
        };

        var body = MappingInverter.Invert(Compile(new() { ["lines"] = lines }), null, Order, ["lines"]).Body!;

        Assert.Equal("""{"lines":{"data":[{"price":{"lookup_key":"SKU-1","unit_amount":4500},"quantity":2}]}}""", body.ToJsonString());
    }

    [Fact]
    public void A_constant_or_an_unmapped_field_cannot_be_written_and_the_check_says_so_before_any_value_is_known()
    {
        var mapping = Compile(new() { ["promoCode"] = new FieldMappingOptions { Value = "NONE" } });

        Assert.Equal("promoCode cannot be written back: its mapping is the constant Value \"NONE\", which the system does not store", MappingInverter.WhyNot(mapping, ["promoCode"]));
        Assert.StartsWith("campaign cannot be written back: the system's Mapping has no rule for it", MappingInverter.WhyNot(mapping, ["total", "campaign"]), StringComparison.Ordinal);
        Assert.Null(MappingInverter.WhyNot(mapping, ["total"]));
    }

    [Fact]
    public void A_system_without_a_mapping_gets_canonical_names_renamed_back_through_its_field_map()
    {
        var body = MappingInverter.Invert(null, new Dictionary<string, string> { ["promo_tag"] = "promoCode" }, Order, ["promoCode", "total"]).Body!;

        Assert.Equal("""{"promo_tag":"SPRING24","total":90.00}""", body.ToJsonString());
    }
}
