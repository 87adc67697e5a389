using Microsoft.Data.Sqlite;
using Reconcile.Ingest;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest;

public sealed class CsvImportTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    [Fact]
    public void Quoted_fields_numbers_and_lines_become_canonical_json()
    {
        const string csv = "orderId,currency,total,status,promo_tag,lines\n1042,USD,90.00,\"paid, in full\",SPRING24,SKU-1:2:45.00;SKU-2:1:0\n";

        var record = Assert.Single(CsvRecordReader.Read(new StringReader(csv)));

        Assert.Equal("1042", record["orderId"]!.GetValue<string>());
        Assert.Equal(90.00m, record["total"]!.GetValue<decimal>());
        Assert.Equal("paid, in full", record["status"]!.GetValue<string>());
        Assert.Equal(2m, record["lines"]![0]!["quantity"]!.GetValue<decimal>());
        Assert.Equal("SKU-2", record["lines"]![1]!["sku"]!.GetValue<string>());
    }

    [Fact]
    public void A_quoted_line_break_stays_in_its_field_and_a_short_row_leaves_the_missing_fields_out()
    {
        const string csv = "orderId,status,total\r\n1042,\"paid\r\nin full\",90.00\r\n1043\r\n";

        var records = CsvRecordReader.Read(new StringReader(csv)).ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal("paid\r\nin full", records[0]["status"]!.GetValue<string>());
        Assert.Equal("1043", records[1]["orderId"]!.GetValue<string>());
        Assert.False(records[1].ContainsKey("total"));
    }

    [Fact]
    public async Task The_import_verb_stores_valid_rows_and_quarantines_bad_ones()
    {
        var file = Path.Combine(_directory, "crm.csv");
        await File.WriteAllTextAsync(file,
            "orderId,currency,total,updatedAt,promo_tag\n" +
            "1042,USD,90.00,2026-11-20T10:00:00Z,SPRING24\n" +
            "1043,USD,ninety,2026-11-20T10:00:00Z,\n");
        var database = Path.Combine(_directory, "import.db");

        var result = await ReconcileProcess.RunAsync(_directory, new Dictionary<string, string> { ["Database__ConnectionString"] = $"Data Source={database}" }, "import", "crm", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 row(s) into crm: 1 accepted, 1 quarantined", result.Out, StringComparison.Ordinal);
        Assert.Contains("row 3: total", result.Error, StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Payload FROM records WHERE OrderId = '1042' AND System = 'crm'";
        Assert.Contains("\"promoCode\":\"SPRING24\"", (string)(await command.ExecuteScalarAsync())!, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestDirectory.TryDelete(_directory);
    }
}
