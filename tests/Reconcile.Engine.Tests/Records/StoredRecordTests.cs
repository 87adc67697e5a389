using Reconcile.Engine.Records;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Records;

public class StoredRecordTests
{
    [Fact]
    public void A_valid_payload_is_stored_with_its_record()
    {
        var stored = StoredRecord.FromPayload("shop", Orders.DefaultJson, Orders.Now, null);

        Assert.False(stored.Quarantined);
        Assert.Equal("1042", stored.OrderId);
        Assert.Equal(90.00m, stored.Record!.Total);
        Assert.Equal(Orders.DefaultJson, stored.RawPayload);
    }

    [Fact]
    public void An_invalid_payload_is_quarantined_not_dropped()
    {
        const string json = """{ "orderId": "9", "total": "90.00", "updatedAt": "2026-11-20T10:00:00Z" }""";

        var stored = StoredRecord.FromPayload("crm", json, Orders.Now, null);

        Assert.True(stored.Quarantined);
        Assert.Null(stored.Record);
        Assert.Equal("9", stored.OrderId);
        Assert.Contains("total: expected a number", stored.QuarantineReason, StringComparison.Ordinal);
        Assert.Contains("currency: required field is missing", stored.QuarantineReason, StringComparison.Ordinal);
        Assert.Equal(json, stored.RawPayload);
    }
}
