using Reconcile.Ingest.Mapping;
using Reconcile.Topology;

namespace Reconcile.Tests.Ingest.Mapping;

/// <summary>A bad mapping is caught before any payload: one failure per problem, naming its configuration key.</summary>
public sealed class MappingCompilerTests
{
    private static List<string> Failures(Dictionary<string, FieldMappingOptions> mapping)
    {
        var failures = new List<string>();
        var compiled = MappingCompiler.Compile("Systems:shop:Mapping", mapping, failures);
        Assert.Equal(failures.Count == 0, compiled is not null);
        return failures;
    }

    private static Dictionary<string, FieldMappingOptions> Valid() => new()
    {
        ["orderId"] = new() { Pointer = "/id" },
        ["currency"] = new() { Value = "USD" },
        ["total"] = new() { Pointer = "/total_price" },
        ["updatedAt"] = new() { Pointer = "/updated_at" },
    };

    [Fact]
    public void A_complete_mapping_compiles_with_the_currency_first()
    {
        var failures = new List<string>();
        var compiled = MappingCompiler.Compile("Systems:shop:Mapping", Valid(), failures);

        Assert.Empty(failures);
        Assert.Equal("currency", compiled!.Rules[0].Field);
    }

    [Fact]
    public void Each_problem_is_named_by_its_key()
    {
        var mapping = Valid();
        mapping["total"] = new() { Pointer = "total_price", Convert = "minorUnits,cents" };
        mapping["colour"] = new() { Pointer = "/colour" };
        mapping["updatedAt"] = new() { Pointers = ["/updated_at", "/a~2b"], Convert = "upper" };
        mapping["status"] = new() { Pointer = "/s", Convert = "unixSeconds" };
        mapping["lines"] = new() { Pointer = "/line_items", Item = new() { ["sku"] = new() { Pointer = "/sku" }, ["price"] = new() { Pointer = "/p" } } };
        mapping.Remove("orderId");

        var failures = Failures(mapping);

        Assert.Equal(
            [
                "Systems:shop:Mapping:total:Pointer: 'total_price' is not a JSON Pointer (RFC 6901: \"\" or \"/name/0/…\", with ~0 for ~ and ~1 for /)",
                "Systems:shop:Mapping:total:Convert: 'cents' is not a conversion for a money field (use decimal, minorUnits, trim, upper, lower)",
                "Systems:shop:Mapping:updatedAt:Pointers:1: '/a~2b' is not a JSON Pointer (RFC 6901: \"\" or \"/name/0/…\", with ~0 for ~ and ~1 for /)",
                "Systems:shop:Mapping:colour: 'colour' is not a canonical field (use orderId, externalId, customerId, currency, promoCode, status, campaign, region, subtotal, discount, tax, total, updatedAt, createdAt, lines)",
                "Systems:shop:Mapping:status:Convert: 'unixSeconds' is not a conversion for a text field (use trim, upper, lower)",
                "Systems:shop:Mapping:lines:Item:price: 'price' is not a canonical field (use sku, quantity, unitPrice)",
                "Systems:shop:Mapping:lines:Item:quantity: required — say where the payload keeps it (a JSON Pointer such as \"/id\", or a Value)",
                "Systems:shop:Mapping:lines:Item:unitPrice: required — say where the payload keeps it (a JSON Pointer such as \"/id\", or a Value)",
                "Systems:shop:Mapping:orderId: required — say where the payload keeps it (a JSON Pointer such as \"/id\", or a Value)",
            ],
            failures);
    }

    [Fact]
    public void A_field_needs_a_pointer_or_a_value_and_only_lines_take_an_item()
    {
        var mapping = Valid();
        mapping["promoCode"] = new() { Convert = "trim" };
        mapping["region"] = new() { Pointer = "/r", Item = new() { ["sku"] = new() { Pointer = "/sku" } } };
        mapping["lines"] = new() { Pointer = "/items" };

        Assert.Equal(
            [
                "Systems:shop:Mapping:promoCode: give a Pointer (or Pointers) or a Value",
                "Systems:shop:Mapping:region:Item: only 'lines' has an Item mapping",
                "Systems:shop:Mapping:lines:Item: required for lines — how each element becomes a line (sku, quantity, unitPrice)",
            ],
            Failures(mapping));
    }
}
