using System.Text;
using Microsoft.Data.Sqlite;
using Reconcile.Data;

namespace Reconcile.Tests.Data;

/// <summary>
/// A statement's columns read through SQLite's own accessors on the raw statement: NULL, empty and multi-byte text,
/// blobs and integers read as SQLite holds them, row after row.
/// </summary>
public sealed class SqliteStatementColumnsTests
{
    [Fact]
    public void Each_row_s_columns_read_as_SQLite_holds_them()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var statement = SqliteStatement.Prepare(connection, """
            SELECT NULL, '', 'ext-é€😀', x'00ff10', 9007199254740993, -7, x''
            UNION ALL SELECT 'b', NULL, 'a', NULL, NULL, 0, NULL
            """);

        Assert.True(statement.Step());
        Assert.True(statement.IsNull(0));
        Assert.True(statement.Bytes(0).IsEmpty);
        Assert.False(statement.IsNull(1));
        Assert.True(statement.Bytes(1).IsEmpty);
        Assert.Equal("ext-é€😀", Encoding.UTF8.GetString(statement.Bytes(2)));
        Assert.Equal(13, statement.Bytes(2).Length);
        Assert.Equal(new byte[] { 0x00, 0xff, 0x10 }, statement.Bytes(3).ToArray());
        Assert.Equal(9007199254740993L, statement.Int64(4));
        Assert.Equal(-7L, statement.Int64(5));
        Assert.False(statement.IsNull(6));
        Assert.True(statement.Bytes(6).IsEmpty);

        Assert.True(statement.Step());
        Assert.Equal("b", Encoding.UTF8.GetString(statement.Bytes(0)));
        Assert.True(statement.IsNull(1));
        Assert.Equal("a", Encoding.UTF8.GetString(statement.Bytes(2)));
        Assert.True(statement.IsNull(3));
        Assert.True(statement.IsNull(4));
        Assert.Equal(0L, statement.Int64(4));
        Assert.Equal(0L, statement.Int64(5));

        Assert.False(statement.Step());
    }

    [Fact]
    public void A_disposed_statement_s_columns_are_refused_not_read_through_its_finalized_pointer()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var statement = SqliteStatement.Prepare(connection, "SELECT 'a', 1");
        Assert.True(statement.Step());
        statement.Dispose();

        Assert.Throws<ObjectDisposedException>(() => statement.IsNull(0));
        Assert.Throws<ObjectDisposedException>(() => statement.Int64(1));
        Assert.Throws<ObjectDisposedException>(() => statement.Bytes(0).Length);
    }
}
