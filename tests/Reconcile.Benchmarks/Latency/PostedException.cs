using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Reconcile.Benchmarks.Latency;

/// <summary>An open exception whose Slack message has been posted: what a click on its buttons carries.</summary>
internal sealed record PostedException(long Id, string Owner, string Channel, string Ts, int Version)
{
    /// <summary>
    /// Reads up to <paramref name="count"/> posted open exceptions from the store (read-only, beside the running
    /// service), waiting while the outbox is still posting (until no more arrive for 3 s, at most
    /// <paramref name="patience"/>); throws when none arrive.
    /// </summary>
    public static async Task<List<PostedException>> WaitAsync(string databasePath, int count, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        var found = new List<PostedException>();
        var unchanged = 0;
        while (clock.Elapsed < patience)
        {
            var before = found.Count;
            found = Read(databasePath, count);
            unchanged = found.Count > 0 && found.Count == before ? unchanged + 1 : 0;
            if (found.Count >= count || unchanged >= 3)
            {
                return found;
            }

            await Task.Delay(1000);
        }

        return found.Count > 0 ? found
            : throw new InvalidOperationException($"No exception was posted to Slack within {patience.TotalSeconds:F0} s; nothing real to click.");
    }

    private static List<PostedException> Read(string databasePath, int count)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "Id", "Owner", "SlackChannel", "SlackTs", "Version" FROM exceptions
            WHERE "SlackTs" IS NOT NULL AND "SlackChannel" IS NOT NULL AND "State" = 'open' ORDER BY "Id" LIMIT $count
            """;
        command.Parameters.AddWithValue("$count", count);
        using var reader = command.ExecuteReader();
        var rows = new List<PostedException>();
        while (reader.Read())
        {
            rows.Add(new PostedException(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return rows;
    }
}
