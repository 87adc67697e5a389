using Microsoft.Data.Sqlite;
using Reconcile.Data;

namespace Reconcile.Tests.Data;

/// <summary>
/// Text bound by <see cref="SqliteStatement"/> (converted to UTF-8 by us) is stored byte for byte as Microsoft.Data.Sqlite
/// stores the same string, including one that is not valid UTF-16.
/// </summary>
public sealed class SqliteStatementTextTests
{
    public static TheoryData<string> Texts() => new()
    {
        "",
        "plain ascii {\"orderId\":\"1042\"}",
        "ext-é€😀",
        "lone \uD800 surrogate",
        "trailing lone \uDC00",
        new string('x', 5000) + "ü" + new string('y', 5000),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Text_is_stored_exactly_as_Microsoft_Data_Sqlite_stores_it(string text)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE t (way TEXT, value TEXT)");
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO t VALUES ('command', $value)";
            command.Parameters.AddWithValue("$value", text);
            command.ExecuteNonQuery();
        }

        using (var statement = SqliteStatement.Prepare(connection, "INSERT INTO t VALUES ('statement', ?1)"))
        {
            statement.Bind(1, text);
            statement.Execute();
            // The statement's buffer is reused: a second, shorter text after a long one is stored whole and alone.
            statement.Bind(1, "after");
            statement.Execute();
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT way, hex(value), typeof(value), value FROM t ORDER BY rowid";
        using var rows = read.ExecuteReader();
        var stored = new List<(string Way, string Hex, string Type, string Value)>();
        while (rows.Read())
        {
            stored.Add((rows.GetString(0), rows.GetString(1), rows.GetString(2), rows.GetString(3)));
        }

        Assert.Equal(3, stored.Count);
        Assert.Equal((stored[0].Hex, "text"), (stored[1].Hex, stored[1].Type));
        Assert.Equal(stored[0].Value, stored[1].Value);
        Assert.Equal(("after", "6166746572"), (stored[2].Value, stored[2].Hex));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
