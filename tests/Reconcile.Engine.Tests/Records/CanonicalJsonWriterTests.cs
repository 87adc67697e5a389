using Reconcile.Engine.Records;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Records;

/// <summary>Serializing reuses one writer per thread: its text stays exact whatever came before it and on any thread.</summary>
public class CanonicalJsonWriterTests
{
    private const string DefaultCanonical =
        """{"orderId":"1042","customerId":"C-77","currency":"USD","subtotal":100.00,"discount":10.00,"tax":0.00,"total":90.00,"promoCode":"SPRING24","status":"paid","campaign":"spring-email","region":"US-CA","updatedAt":"2026-11-20T10:00:00+00:00","lines":[{"sku":"SKU-1","quantity":2,"unitPrice":30.00},{"sku":"SKU-2","quantity":1,"unitPrice":40.00}]}""";

    [Fact]
    public void A_record_is_written_as_exactly_this_text()
    {
        Assert.Equal(DefaultCanonical, CanonicalJson.Serialize(Orders.Default));
    }

    [Fact]
    public void A_text_that_is_the_canonical_json_already_is_returned_itself()
    {
        var sent = new string(DefaultCanonical.AsSpan());

        Assert.Same(sent, CanonicalJson.Serialize(Orders.Default, likely: sent));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("{\"orderId\":\"1042\"}")]
    [InlineData("{\"orderId\":\"1042\",\"customerId\":\"C-77\",\"currency\":\"USD\",\"subtotal\":100.0}")]
    [InlineData("caf\u00e9")]
    public void Any_other_text_gets_the_canonical_json_written_anew(string sent)
    {
        var written = CanonicalJson.Serialize(Orders.Default, likely: sent);

        Assert.Equal(DefaultCanonical, written);
        Assert.NotSame(sent, written);
    }

    [Fact]
    public void A_record_with_non_ascii_text_is_written_escaped_and_compared_as_written()
    {
        var record = Orders.Default with { CustomerId = "Zoë" };
        var canonical = CanonicalJson.Serialize(record);
        var unescaped = canonical.Replace("\\u00EB", "ë", StringComparison.Ordinal);

        Assert.Contains("\"customerId\":\"Zo\\u00EB\"", canonical, StringComparison.Ordinal);
        Assert.Same(canonical, CanonicalJson.Serialize(record, likely: canonical));
        Assert.Equal(canonical, CanonicalJson.Serialize(record, likely: unescaped));
        Assert.NotSame(unescaped, CanonicalJson.Serialize(record, likely: unescaped));
    }

    [Fact]
    public void A_small_record_after_a_very_large_one_is_written_whole_and_alone()
    {
        var lines = Enumerable.Range(0, 3000).Select(i => new OrderLine($"SKU-{i:D5}", 1, 1.00m)).ToList();

        var large = CanonicalJson.Serialize(Orders.Default with { Lines = lines });
        var small = CanonicalJson.Serialize(Orders.Default);

        Assert.True(large.Length > 64 * 1024, $"the large record is {large.Length} characters");
        Assert.EndsWith("""{"sku":"SKU-02999","quantity":1,"unitPrice":1.00}]}""", large, StringComparison.Ordinal);
        Assert.Equal(DefaultCanonical, small);
    }

    [Fact]
    public void A_failed_write_leaves_nothing_behind_for_the_next_record()
    {
        // A missing line fails half-way through the object, inside its lines array.
        Assert.Throws<NullReferenceException>(() => CanonicalJson.Serialize(Orders.Default with { Lines = [new OrderLine("SKU-1", 2, 30.00m), null!] }));

        Assert.Equal(DefaultCanonical, CanonicalJson.Serialize(Orders.Default));
    }

    [Fact]
    public void Records_written_on_many_threads_at_once_are_each_their_own_text()
    {
        var records = Enumerable.Range(0, 4000).Select(i => Orders.Default with { OrderId = $"O-{i}", Total = i + 0.25m }).ToList();
        var expected = records.Select(r => $"\"orderId\":\"{r.OrderId}\"") .ToList();

        var written = records.AsParallel().WithDegreeOfParallelism(4).Select(CanonicalJson.Serialize).ToList();

        for (var i = 0; i < records.Count; i++)
        {
            Assert.StartsWith("{" + expected[i] + ",", written[i], StringComparison.Ordinal);
            Assert.Contains($"\"total\":{i}.25,", written[i], StringComparison.Ordinal);
            Assert.Equal(records[i], CanonicalJson.Deserialize(written[i]) with { Lines = records[i].Lines });
        }
    }

    [Fact]
    public void A_dialect_writes_the_systems_own_names_in_place_of_the_canonical_ones()
    {
        var rename = new Dictionary<string, string>(StringComparer.Ordinal) { ["promoCode"] = "promo_tag", ["total"] = "amount" };

        var json = CanonicalJson.Serialize(Orders.Default, rename);

        Assert.Contains("\"amount\":90.00,\"promo_tag\":\"SPRING24\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("promoCode", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"total\"", json, StringComparison.Ordinal);
        Assert.Equal(DefaultCanonical, CanonicalJson.Serialize(Orders.Default));
    }
}
