using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Data;

/// <summary>
/// SQLite's bulk insert binds values itself, by position: every column must be stored exactly as SaveChanges stores it
/// (same SQLite type, same bytes), or reads, comparisons and orderings would differ by path.
/// </summary>
public sealed class BulkInsertStorageTests : IClassFixture<ReconcileFactory>
{
    private readonly ReconcileFactory _factory;

    public BulkInsertStorageTests(ReconcileFactory factory)
    {
        _factory = factory;
        _ = factory.Server;
    }

    [Fact]
    public async Task A_record_with_money_text_compact_lines_times_and_nulls_is_stored_as_SaveChanges_stores_it()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        db.Records.Add(Record("bulk-storage-tracked"));
        await db.SaveChangesAsync();
        await BulkInsert.InsertAsync(db, [Record("bulk-storage-bulk")], matchBy: null, CancellationToken.None);

        var tracked = await ColumnsAsync(db, "records", "OrderId", "bulk-storage-tracked");
        var bulk = await ColumnsAsync(db, "records", "OrderId", "bulk-storage-bulk");
        Assert.Equal("'19.90'|text", tracked["Total"]);
        Assert.Equal("X'0102FF'|blob", tracked["Compact"]);
        Assert.Equal("NULL|null", tracked["Discount"]);
        Assert.Equal("1|integer", tracked["Quarantined"]);
        Assert.Equal(Without(tracked, "Id", "OrderId"), Without(bulk, "Id", "OrderId"));
    }

    [Fact]
    public async Task An_exception_with_a_plain_decimal_enum_names_and_a_returned_key_is_stored_as_SaveChanges_stores_it()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        db.Exceptions.Add(Exception("bulk-storage-tracked"));
        await db.SaveChangesAsync();
        var bulk = Exception("bulk-storage-bulk");
        await BulkInsert.InsertAsync(db, [bulk], matchBy: nameof(ExceptionEntity.Fingerprint), CancellationToken.None);

        var tracked = await ColumnsAsync(db, "exceptions", "OrderId", "bulk-storage-tracked");
        var stored = await ColumnsAsync(db, "exceptions", "OrderId", "bulk-storage-bulk");
        Assert.Equal("'12.0'|text", tracked["ValueAtRisk"]);
        Assert.Equal($"{bulk.Id}|integer", stored["Id"]);
        Assert.Equal(Without(tracked, "Id", "OrderId", "Fingerprint"), Without(stored, "Id", "OrderId", "Fingerprint"));
    }

    [Fact]
    public async Task Each_row_inserted_in_bulk_gets_the_key_the_database_gave_it()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        ExceptionEntity[] rows = [Exception("bulk-keys-1"), Exception("bulk-keys-2"), Exception("bulk-keys-3")];

        await BulkInsert.InsertAsync(db, rows, matchBy: nameof(ExceptionEntity.Fingerprint), CancellationToken.None);

        var stored = await db.Exceptions.AsNoTracking().Where(e => e.OrderId.StartsWith("bulk-keys-")).ToDictionaryAsync(e => e.OrderId, e => e.Id);
        Assert.Equal(3, stored.Values.Distinct().Count());
        Assert.Equal(rows.Select(r => stored[r.OrderId]), rows.Select(r => r.Id));
    }

    private static RecordEntity Record(string orderId) => new()
    {
        System = "shop", OrderId = orderId, ExternalId = "", RawPayload = "{\"orderId\":\"é\"}", Payload = null,
        ReceivedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero), OrderUpdatedAt = null,
        Quarantined = true, QuarantineReason = "total: not a number", Compact = [1, 2, 255], Total = 19.90m, Currency = "EUR",
    };

    private static ExceptionEntity Exception(string orderId) => new()
    {
        Flow = "promo-to-billing", OrderId = orderId, Type = "missing", System = "billing", Fingerprint = "fp-" + orderId,
        Owner = "finance", OriginalOwner = "finance", State = ExceptionState.Escalated, Resolution = null, ValueAtRisk = 12m,
        SlaDueAt = new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), CreatedAt = new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero),
        LastSeenAt = new DateTimeOffset(2026, 3, 4, 1, 0, 0, TimeSpan.Zero),
    };

    private static Dictionary<string, string> Without(Dictionary<string, string> columns, params string[] names) =>
        columns.Where(c => !names.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value);

    /// <summary>Every column of the row as SQLite holds it: its quoted value and its storage class.</summary>
    private static async Task<Dictionary<string, string>> ColumnsAsync(ReconcileDbContext db, string table, string keyColumn, string key)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            var names = new List<string>();
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
            }

            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", names.Select(n => $"quote(\"{n}\") || '|' || typeof(\"{n}\")"))} FROM \"{table}\" WHERE \"{keyColumn}\" = '{key}'";
            await using var row = await command.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync(), $"no {table} row {key}");
            return names.Select((n, i) => (n, row.GetString(i))).ToDictionary(c => c.n, c => c.Item2);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
