using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Ingest;
using Reconcile.Ingest.Pull;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest;

/// <summary>
/// A record sent already in canonical form keeps its text once: the "RawPayload" column is "" and the text is the
/// canonical JSON. Every other raw text is kept whole, and every reader gets the text exactly as it was sent.
/// </summary>
public sealed class RawPayloadStorageTests
{
    private const string Canonical = """{"orderId":"7001","currency":"USD","total":12.50,"updatedAt":"2026-11-20T10:00:00+00:00"}""";
    private const string Spaced = """{ "orderId": "7002", "currency": "USD", "total": 3, "updatedAt": "2026-11-20T10:00:00Z" }""";
    private const string Unreadable = """{"orderId":"7003","currency":"USD","total":"not money","updatedAt":"2026-11-20T10:00:00Z"}""";

    [Fact]
    public async Task A_canonical_text_is_stored_once_and_every_raw_text_reads_back_as_sent()
    {
        using var factory = new ReconcileFactory();
        await StoreAsync(factory, Canonical, Spaced, Unreadable);

        Assert.Equal(("", Spaced, Unreadable), (await ColumnAsync(factory, "7001"), await ColumnAsync(factory, "7002"), await ColumnAsync(factory, "7003")));
        var records = await factory.QueryAsync(db => db.Records.AsNoTracking().OrderBy(r => r.OrderId).ToListAsync());
        Assert.Equal([Canonical, Spaced, Unreadable], records.Select(r => r.RawPayload));
        Assert.Equal((Canonical, (string?)null), (records[0].Payload, records[2].Payload));
    }

    [Fact]
    public async Task A_record_kept_once_then_replaced_by_an_unreadable_version_keeps_both_texts()
    {
        using var factory = new ReconcileFactory();
        await StoreAsync(factory, Canonical);
        const string later = """{"orderId":"7001","currency":"USD","total":"twelve","updatedAt":"2026-11-21T10:00:00Z"}""";
        await StoreAsync(factory, later);

        var record = await factory.QueryAsync(db => db.Records.AsNoTracking().SingleAsync(r => r.OrderId == "7001"));
        Assert.Equal((true, (string?)null, later), (record.Quarantined, record.Payload, record.RawPayload));
        Assert.Equal(later, await ColumnAsync(factory, "7001"));
        var history = await factory.QueryAsync(db => db.RecordHistory.AsNoTracking().SingleAsync(h => h.OrderId == "7001"));
        Assert.Equal((Canonical, Canonical), (history.RawPayload, history.Payload));
    }

    [Fact]
    public async Task A_row_written_with_its_text_twice_takes_a_new_version_kept_once_and_its_resend_is_unchanged()
    {
        using var factory = new ReconcileFactory();
        await StoreAsync(factory, Canonical);
        // As rows were written before the text was kept once: the raw text in full, though it is the Payload.
        await factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE records SET "RawPayload" = "Payload" WHERE "OrderId" = '7001'"""));
        Assert.Equal(Canonical, await ColumnAsync(factory, "7001"));
        const string newer = """{"orderId":"7001","currency":"USD","total":13.50,"updatedAt":"2026-11-21T10:00:00+00:00"}""";

        await StoreAsync(factory, newer);
        await StoreAsync(factory, newer);

        var record = await factory.QueryAsync(db => db.Records.AsNoTracking().SingleAsync(r => r.OrderId == "7001"));
        Assert.Equal((newer, newer, 2), (record.Payload, record.RawPayload, record.Version));
        Assert.Equal("", await ColumnAsync(factory, "7001"));
        Assert.Equal(1, await factory.QueryAsync(db => db.RecordHistory.CountAsync(h => h.OrderId == "7001")));
    }

    [Fact]
    public async Task A_new_payload_never_changes_a_raw_text_kept_as_the_same()
    {
        using var factory = new ReconcileFactory();
        await StoreAsync(factory, Canonical);

        var (raw, column) = await factory.QueryAsync(async db =>
        {
            var record = await db.Records.SingleAsync(r => r.OrderId == "7001");
            Assert.Equal((Canonical, ""), (record.RawPayload, record.StoredRawPayload));
            record.Payload = null;
            return (record.RawPayload, record.StoredRawPayload);
        });

        Assert.Equal((Canonical, Canonical), (raw, column));
    }

    [Fact]
    public async Task A_pulled_page_sent_again_in_canonical_form_counts_as_unchanged()
    {
        using var factory = new ReconcileFactory();
        var items = new[] { Canonical, Spaced }.Select(t => JsonDocument.Parse(t).RootElement).ToList();

        var first = await PullAsync(factory, items);
        var second = await PullAsync(factory, items);

        Assert.Equal((2, 0), (first.Stored, first.Unchanged));
        Assert.Equal((0, 2), (second.Stored, second.Unchanged));
    }

    private static async Task StoreAsync(ReconcileFactory factory, params string[] texts)
    {
        using var scope = factory.Services.CreateScope();
        var at = factory.Time.GetUtcNow();
        await scope.ServiceProvider.GetRequiredService<RecordStore>()
            .StoreAsync("shop", RecordStore.Prepare([.. texts.Select(t => (t, at))], fieldMap: null), CancellationToken.None);
    }

    private static async Task<PageCounts> PullAsync(ReconcileFactory factory, List<JsonElement> items)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PulledPages>().StoreAsync("shop", items, CancellationToken.None);
    }

    private static Task<string> ColumnAsync(ReconcileFactory factory, string orderId) => factory.QueryAsync(db =>
        db.Database.SqlQuery<string>($"""SELECT "RawPayload" AS "Value" FROM records WHERE "OrderId" = {orderId}""").SingleAsync());
}
