using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Ingest;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest;

/// <summary>
/// Payloads prepared from their JSON text (the simulator's path) are stored exactly as the same payloads read as elements:
/// the raw text without the whitespace around it, the key of one that is no record, the canonical JSON.
/// </summary>
public sealed class PreparedTextTests
{
    private static readonly string[] Texts =
    [
        """{"orderId":"7001","currency":"USD","total":12.50,"updatedAt":"2026-11-20T10:00:00+00:00"}""",
        "  \n{ \"orderId\": \"7002\", \"currency\": \"USD\", \"total\": 3, \"updatedAt\": \"2026-11-20T10:00:00Z\" }\t\r\n",
        """{"orderId":"7003","externalId":"  INV-9  ","currency":"USD","updatedAt":"2026-11-20T10:00:00Z"}""",
        """{"externalId":"INV-10","currency":"USD","total":1,"updatedAt":"2026-11-20T10:00:00Z"}""",
        """[1, 2]""",
    ];

    [Fact]
    public async Task Texts_are_stored_as_the_same_payloads_read_as_elements_are()
    {
        using var fromText = new ReconcileFactory();
        using var fromElements = new ReconcileFactory();
        var receivedAt = fromText.Time.GetUtcNow();

        var batch = RecordStore.Prepare([.. Texts.Select(t => (t, receivedAt))], fieldMap: null);
        var textResult = await StoreAsync(fromText, store => store.StoreAsync("shop", batch, CancellationToken.None));
        var elements = Texts.Select(t => (JsonDocument.Parse(t).RootElement, receivedAt)).ToList();
        var elementResult = await StoreAsync(fromElements, store => store.StoreAsync("shop", elements, (IReadOnlyDictionary<string, string>?)null, CancellationToken.None));

        Assert.Equal((2, 3), (textResult.Accepted, textResult.Quarantined));
        Assert.Equal((elementResult.Accepted, elementResult.Quarantined), (textResult.Accepted, textResult.Quarantined));
        var stored = await RowsAsync(fromText);
        Assert.Equal(await RowsAsync(fromElements), stored);
        var spaced = stored.Single(r => r.OrderId == "7002");
        Assert.Equal("{ \"orderId\": \"7002\", \"currency\": \"USD\", \"total\": 3, \"updatedAt\": \"2026-11-20T10:00:00Z\" }", spaced.RawPayload);
        var compact = stored.Single(r => r.OrderId == "7001");
        Assert.Equal(Texts[0], compact.RawPayload);
        Assert.Equal(Texts[0], compact.Payload);
        Assert.Equal(("INV-9", true, null), (stored.Single(r => r.OrderId == "7003").ExternalId, stored.Single(r => r.OrderId == "7003").Quarantined, stored.Single(r => r.OrderId == "7003").Payload));
        Assert.StartsWith("unidentified-", stored.Single(r => r.RawPayload == "[1, 2]").ExternalId, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_that_is_not_json_is_refused_with_the_parser_s_error()
    {
        Assert.ThrowsAny<JsonException>(() => RecordStore.Prepare([("{\"orderId\": ", DateTimeOffset.UnixEpoch)], fieldMap: null));
    }

    private static async Task<IngestResult> StoreAsync(ReconcileFactory factory, Func<RecordStore, Task<IngestResult>> store)
    {
        using var scope = factory.Services.CreateScope();
        return await store(scope.ServiceProvider.GetRequiredService<RecordStore>());
    }

    private static Task<List<Row>> RowsAsync(ReconcileFactory factory) => factory.QueryAsync(async db =>
        (await db.Records.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new Row(r.OrderId, r.ExternalId.StartsWith("unidentified-") ? "unidentified-" : r.ExternalId, r.Quarantined, r.QuarantineReason, r.Payload, r.RawPayload, r.Total))
            .ToListAsync()));

    private sealed record Row(string OrderId, string ExternalId, bool Quarantined, string? QuarantineReason, string? Payload, string RawPayload, decimal? Total);
}
