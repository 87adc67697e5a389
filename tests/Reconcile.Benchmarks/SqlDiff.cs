using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Reconcile.Benchmarks;

/// <summary>
/// The yardstick: a diff of the stored shop, CRM and billing copies as a user would write it by hand in SQL —
/// orders missing in a target, orphans in a target, and orders whose total, currency, discount, promo code or
/// status differ. It finds less than a run (no lines, no tolerance, no rules); it shows what reading the data costs.
/// </summary>
internal static class SqlDiff
{
    private static readonly string[] Targets = ["crm", "billing"];

    /// <summary>Runs the diff on the benchmark's SQLite file; returns the seconds it took and the rows it found.</summary>
    public static (double Seconds, long Rows) Measure(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var watch = Stopwatch.StartNew();
        var rows = 0L;
        foreach (var target in Targets)
        {
            rows += Count(connection, Missing, target) + Count(connection, Orphans, target) + Count(connection, Mismatched, target);
        }

        return (watch.Elapsed.TotalSeconds, rows);
    }

    private static long Count(SqliteConnection connection, string sql, string target)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@target", target);
        return (long)command.ExecuteScalar()!;
    }

    private const string Missing = """
        SELECT COUNT(*) FROM records s
        WHERE s."System" = 'shop' AND NOT s."Quarantined"
          AND NOT EXISTS (SELECT 1 FROM records t WHERE t."System" = @target AND t."OrderId" = s."OrderId")
        """;

    private const string Orphans = """
        SELECT COUNT(*) FROM records t
        WHERE t."System" = @target AND NOT t."Quarantined"
          AND NOT EXISTS (SELECT 1 FROM records s WHERE s."System" = 'shop' AND s."OrderId" = t."OrderId")
        """;

    private const string Mismatched = """
        SELECT COUNT(*) FROM records s JOIN records t ON t."OrderId" = s."OrderId" AND t."System" = @target
        WHERE s."System" = 'shop' AND NOT s."Quarantined" AND NOT t."Quarantined"
          AND (s."Total" IS NOT t."Total" OR s."Currency" IS NOT t."Currency" OR s."Discount" IS NOT t."Discount"
            OR s."PromoCode" IS NOT t."PromoCode" OR s."Status" IS NOT t."Status")
        """;
}
