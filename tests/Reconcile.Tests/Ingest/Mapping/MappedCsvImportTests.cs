using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Reconcile.Engine.Records;
using Reconcile.Ingest.Mapping;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest.Mapping;

/// <summary>A system's own CSV export imports through its mapping, columns placed by header or by CsvColumns.</summary>
public sealed class MappedCsvImportTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    [Fact]
    public void A_row_is_shaped_by_header_and_by_column_pointer()
    {
        var row = new JsonObject { ["total_price"] = "12.50", ["Customer"] = "77", ["Code"] = "SPRING24", ["line_items"] = """[{"sku":"A"}]""" };

        var shaped = CsvRowShaper.Shape(row, new Dictionary<string, string> { ["Customer"] = "/customer/id", ["Code"] = "/discount_codes/0/code" });

        Assert.Equal(
            """{"total_price":"12.50","customer":{"id":"77"},"discount_codes":{"0":{"code":"SPRING24"}},"line_items":[{"sku":"A"}]}""",
            shaped.ToJsonString());
    }

    [Fact]
    public async Task The_import_verb_reads_a_shop_export_through_the_shop_mapping()
    {
        var file = Path.Combine(_directory, "orders_export.csv");
        await File.WriteAllTextAsync(file,
            "order_number,id,currency,subtotal_price,total_discounts,total_tax,total_price,financial_status,updated_at,Customer,line_items\n" +
            "1001,6201234567890123456,usd,403.10,40.31,0.00,362.79,paid,2026-11-20T05:00:00-05:00,7012345678901234567,\"[{\"\"sku\"\":\"\"SKU-1\"\",\"\"quantity\"\":2,\"\"price\"\":\"\"150.05\"\"},{\"\"sku\"\":\"\"SKU-2\"\",\"\"quantity\"\":1,\"\"price\"\":\"\"103.00\"\"}]\"\n" +
            "1002,6201234567890123457,usd,10.00,0.00,0.00,ten,paid,2026-11-20T05:00:00-05:00,,\n");
        var database = Path.Combine(_directory, "import.db");

        var result = await ReconcileProcess.RunAsync(_directory, new Dictionary<string, string>
        {
            ["Database__ConnectionString"] = $"Data Source={database}",
            ["RECONCILE_CONFIG"] = Path.Combine(AppContext.BaseDirectory, "TestData", "examples", "systems", "shop-shopify.json"),
            ["Systems__shop__Webhook__Secret"] = "not-used-by-imports",
            ["Systems__shop__CsvColumns__Customer"] = "/customer/id",
        }, "import", "shop", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 row(s) into shop: 1 accepted, 1 quarantined", result.Out, StringComparison.Ordinal);
        Assert.Contains("row 3: total: \"ten\" at /total_price is not a decimal number", result.Error, StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Payload FROM records WHERE OrderId = '1001' AND System = 'shop'";
        var record = CanonicalJson.Deserialize((string)(await command.ExecuteScalarAsync())!);
        Assert.Equal(("6201234567890123456", "7012345678901234567", "USD", 362.79m, 40.31m), (record.ExternalId, record.CustomerId, record.Currency, record.Total, record.Discount));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), record.UpdatedAt);
        Assert.Equal([new OrderLine("SKU-1", 2, 150.05m), new OrderLine("SKU-2", 1, 103.00m)], record.Lines);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestDirectory.TryDelete(_directory);
    }
}
