using Reconcile.Engine.Records;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Records;

public class CanonicalJsonTests
{
    [Fact]
    public void A_record_survives_a_round_trip()
    {
        var record = Orders.Default with { ExternalId = "INV-1", CreatedAt = Orders.Default.UpdatedAt.AddMinutes(-5) };

        var back = CanonicalJson.Deserialize(CanonicalJson.Serialize(record));

        Assert.Equal(record with { Lines = [] }, back with { Lines = [] });
        Assert.Equal(record.Lines, back.Lines);
    }

    [Fact]
    public void Decimals_are_written_with_their_exact_digits()
    {
        var json = CanonicalJson.Serialize(Orders.Default with { Total = 90.004m, Tax = 0.00m });

        Assert.Contains("\"total\":90.004", json, StringComparison.Ordinal);
        Assert.Contains("\"tax\":0.00", json, StringComparison.Ordinal);
        Assert.Contains("\"promoCode\":\"SPRING24\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_fields_are_left_out()
    {
        var json = CanonicalJson.Serialize(Orders.Default with { PromoCode = null, Lines = [] });

        Assert.DoesNotContain("promoCode", json, StringComparison.Ordinal);
        Assert.DoesNotContain("lines", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_an_invalid_record_throws_a_format_exception()
    {
        var error = Assert.Throws<FormatException>(() => CanonicalJson.Deserialize("""{ "orderId": "1" }"""));

        Assert.Contains("currency", error.Message, StringComparison.Ordinal);
    }
}
