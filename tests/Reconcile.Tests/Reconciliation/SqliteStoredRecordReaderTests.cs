using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Engine.Records;
using Reconcile.Reconciliation;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reconciliation;

/// <summary>Runs on SQLite read records from SQLite's column memory; each must read exactly as through a data reader.</summary>
public sealed class SqliteStoredRecordReaderTests
{
    [Fact]
    public async Task Every_kind_of_stored_record_reads_as_the_data_reader_reads_it()
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();
        var at = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        await client.IngestAsync("shop",
            SentOrders.Order("R-1", at, ""","promoCode":"SPRING25","campaign":"spring","region":"EU","createdAt":"2026-04-30T23:00:00Z","externalId":"ext-é" """,
                ("SKU-1", 2m, 19.90m), ("SKU-2", 1m, 0.05m)),
            SentOrders.Order("R-2", at.AddMinutes(1), "", ("SKU-3", 3m, 1000000.123456m)),
            """{"orderId":"R-3","currency":"USD","total":"not money","updatedAt":"2026-05-01T08:00:00Z"}""",
            SentOrders.Order("R-4", at.AddMinutes(2)),
            SentOrders.Order("R-5", at.AddMinutes(3)));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        // R-4 as a row written before the compact part existed and not yet backfilled: read from its canonical JSON.
        await db.Database.ExecuteSqlRawAsync("""UPDATE records SET "Compact" = NULL WHERE "OrderId" = 'R-4'""");
        // R-5 as quarantined with its canonical JSON and its raw text kept as the same: the raw text is the canonical JSON.
        var r5 = await db.Records.AsNoTracking().Where(r => r.OrderId == "R-5").Select(r => r.Payload).SingleAsync();
        await db.Database.ExecuteSqlRawAsync("""UPDATE records SET "Quarantined" = 1, "QuarantineReason" = 'held', "RawPayload" = '' WHERE "OrderId" = 'R-5'""");

        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sql = $"""SELECT {StoredRecordReader.Columns} FROM records WHERE "OrderId" LIKE 'R-%' ORDER BY "OrderId" """;
        var expected = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            var reader = new StoredRecordReader(db);
            await using DbDataReader rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                expected.Add(Describe(reader.Read(rows)));
            }
        }

        var actual = new List<string>();
        using (var statement = SqliteStatement.Prepare(connection, sql))
        {
            var reader = new SqliteStoredRecordReader();
            while (statement.Step())
            {
                actual.Add(Describe(reader.Read(statement)));
            }
        }

        Assert.Equal(5, expected.Count);
        Assert.Contains(expected, e => e.Contains("|R-3||quarantined|", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.Contains($"|R-5||quarantined|held|", StringComparison.Ordinal) && e.EndsWith($"|{r5}|no record", StringComparison.Ordinal));
        Assert.True(expected.Any(e => e.Contains("\"total\":3000000.370368", StringComparison.Ordinal)), string.Join("\n", expected));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Money_from_utf8_bytes_keeps_the_value_and_scale_text_would_give()
    {
        foreach (var text in new[] { "19.90", "-0.00", "0", "1000000.123456", "1E+2", "123456789012345678901.5" })
        {
            var fromText = MoneyText.Parse(text);
            var fromBytes = MoneyText.Parse(System.Text.Encoding.UTF8.GetBytes(text));
            Assert.Equal(decimal.GetBits(fromText), decimal.GetBits(fromBytes));
        }

        Assert.Equal("19.90", MoneyText.Parse("19.90"u8).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Describe(StoredRecord r) =>
        $"{r.System}|{r.OrderId}|{r.ExternalId}|{(r.Quarantined ? "quarantined" : "valid")}|{r.QuarantineReason}|{r.ReceivedAt.UtcTicks}|{r.ReceivedAt.Offset}|{r.RawPayload}|"
        + (r.Record is null ? "no record" : CanonicalJson.Serialize(r.Record) + "|" + string.Join(",", r.Record.Lines.Select(l => $"{l.Sku}:{l.Quantity}:{l.UnitPrice}")));
}
