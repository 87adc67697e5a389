using Reconcile.Engine.Records;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Records;

public sealed class RecordNormalizerTests
{
    [Fact]
    public void A_record_built_outside_the_parser_gets_the_same_trimmed_blank_free_utc_values()
    {
        var padded = Orders.Default with
        {
            OrderId = " X-1 ", ExternalId = "", CustomerId = " c-77 ", PromoCode = "WINTER26  ", Campaign = "   ", Status = null,
            UpdatedAt = new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.FromHours(1)),
            Lines = [new OrderLine(" SKU-1", 1, 5m)],
        };

        var record = RecordNormalizer.Normalize(padded);

        Assert.Equal(("X-1", null, "c-77", "WINTER26", null, null), (record.OrderId, record.ExternalId, record.CustomerId, record.PromoCode, record.Campaign, record.Status));
        Assert.Equal((new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), TimeSpan.Zero), (record.UpdatedAt, record.UpdatedAt.Offset));
        Assert.Equal("SKU-1", Assert.Single(record.Lines).Sku);
    }
}
