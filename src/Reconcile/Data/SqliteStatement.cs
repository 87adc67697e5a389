using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Reconcile.Data;

/// <summary>
/// One SQL statement prepared on an open SQLite connection and stepped directly through SQLite's C interface, with its
/// parameters bound by position. Microsoft.Data.Sqlite looks every named parameter up again and builds a data reader on
/// each execution; for a statement run once per row of a bulk write that bookkeeping cost several times SQLite's own work.
/// Values are bound exactly as Microsoft.Data.Sqlite binds them (after the column's EF value converter), so a row is
/// stored byte for byte as <c>SaveChanges</c> would store it.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    // Microsoft.Data.Sqlite's text for a decimal without a converter (its value binder's format).
    private const string DecimalFormat = "0.0###########################";

    private static readonly HashSet<Type> Bound =
        [typeof(string), typeof(long), typeof(int), typeof(short), typeof(byte), typeof(bool), typeof(double), typeof(float), typeof(decimal), typeof(byte[])];

    private readonly sqlite3 _connection;
    private readonly sqlite3_stmt _statement;
    private readonly string _sql;
    private byte[] _utf8 = new byte[1024];

    // The statement's native pointer, for the column reads (SqliteColumns); zero once Dispose finalizes the statement.
    private nint _native;

    private SqliteStatement(sqlite3 connection, sqlite3_stmt statement, string sql)
    {
        _connection = connection;
        _statement = statement;
        _sql = sql;
        _native = statement.DangerousGetHandle();
    }

    /// <summary>Prepares <paramref name="sql"/> on <paramref name="connection"/>, which must be open.</summary>
    /// <exception cref="SqliteException">SQLite refused the statement (a syntax error, an unknown column).</exception>
    public static SqliteStatement Prepare(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            throw Error(handle, rc);
        }

        return new SqliteStatement(handle, statement, sql);
    }

    /// <summary>
    /// Prepares <paramref name="command"/>'s SQL on its connection (an open SQLite connection) and binds its parameters by
    /// name, their values already in stored form (as EF's <c>CreateDbCommand</c> or a hand-built command holds them).
    /// </summary>
    /// <exception cref="SqliteException">SQLite refused the statement.</exception>
    /// <exception cref="InvalidOperationException">A parameter of the command does not occur in its SQL.</exception>
    public static SqliteStatement Prepare(SqliteConnection connection, DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var statement = Prepare(connection, command.CommandText);
        try
        {
            foreach (DbParameter parameter in command.Parameters)
            {
                var name = parameter.ParameterName;
                var index = statement.IndexOf(name) is > 0 and var found ? found : statement.IndexOf("@" + name);
                statement.Bind(index > 0 ? index : throw new InvalidOperationException($"The statement has no parameter {name}."), parameter.Value);
            }

            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>
    /// True when every column's stored type (after its value converter) is one this class binds; other types
    /// (dates stored as text, Guids) keep Microsoft.Data.Sqlite's own binding.
    /// </summary>
    public static bool Binds(IEnumerable<RelationalTypeMapping> mappings) => mappings.All(m => Bound.Contains(StoredType(m)));

    /// <summary>The parameter's position (1-based) for its <paramref name="name"/> ("@c0"); 0 when the statement has none.</summary>
    public int IndexOf(string name) => raw.sqlite3_bind_parameter_index(_statement, name);

    /// <summary>Binds a value already in its stored form (text, an integer, a real, a blob, null) to parameter <paramref name="index"/> (1-based).</summary>
    public void Bind(int index, object? stored) => Check(stored switch
    {
        null or DBNull => raw.sqlite3_bind_null(_statement, index),
        string text => BindText(index, text),
        long number => raw.sqlite3_bind_int64(_statement, index, number),
        int number => raw.sqlite3_bind_int64(_statement, index, number),
        short number => raw.sqlite3_bind_int64(_statement, index, number),
        byte number => raw.sqlite3_bind_int64(_statement, index, number),
        bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
        double real => raw.sqlite3_bind_double(_statement, index, real),
        float real => raw.sqlite3_bind_double(_statement, index, real),
        byte[] blob => raw.sqlite3_bind_blob(_statement, index, blob),
        _ => throw new NotSupportedException($"{stored.GetType().Name} is not bound by {nameof(SqliteStatement)}."),
    });

    // Text goes to SQLite as UTF-8, the database's encoding, converted here (vectorized for ASCII) into a buffer the
    // statement keeps: bound as UTF-16, SQLite translated it character by character, the largest part of binding a row.
    // SQLite copies the bytes (SQLITE_TRANSIENT), so the buffer serves the next parameter at once. A lone surrogate
    // becomes U+FFFD, as Microsoft.Data.Sqlite's own binding (Encoding.UTF8) makes it.
    private int BindText(int index, string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_utf8.Length < most)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }

        Utf8.FromUtf16(text, _utf8, out _, out var written, replaceInvalidSequences: true);
        return raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, written));
    }

    /// <summary>Moves to the next row the statement returns: false once there are no more (the statement can then run again).</summary>
    /// <exception cref="SqliteException">SQLite failed while reading.</exception>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(_statement);
        return rc == raw.SQLITE_DONE ? false : throw Error(_connection, rc);
    }

    /// <summary>Whether the current row's column (0-based) is NULL.</summary>
    public bool IsNull(int column) => SqliteColumns.Type(Native, column) == SqliteColumns.Null;

    /// <summary>The current row's column (0-based) as an integer.</summary>
    public long Int64(int column) => SqliteColumns.Int64(Native, column);

    /// <summary>
    /// The current row's TEXT or BLOB column (0-based) as SQLite holds it: a blob's bytes, or a text's UTF-8 bytes (without
    /// terminator). Valid until the next <see cref="Step"/>; empty for NULL.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The statement was disposed.</exception>
    public ReadOnlySpan<byte> Bytes(int column) => SqliteColumns.Bytes(Native, column);

    /// <summary>Binds a model value to parameter <paramref name="index"/> (1-based), converted by the column's mapping.</summary>
    public void Bind(int index, RelationalTypeMapping mapping, object? value)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var stored = value is null || mapping.Converter is null ? value : mapping.Converter.ConvertToProvider(value);
        Bind(index, stored is decimal money ? money.ToString(DecimalFormat, CultureInfo.InvariantCulture) : stored);
    }

    /// <summary>
    /// Runs the statement once with the values bound and makes it ready for the next: returns how many rows it changed
    /// (rows it returns are stepped past).
    /// </summary>
    /// <exception cref="SqliteException">SQLite refused the row (a constraint, a full disk).</exception>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw Error(_connection, rc);
            }

            return raw.sqlite3_changes(_connection);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>
    /// The rowid of the row the connection last inserted (SQLite's <c>sqlite3_last_insert_rowid</c>; a table's
    /// <c>INTEGER PRIMARY KEY</c> is its rowid): read after <see cref="Execute"/> of an INSERT, it is that row's key.
    /// </summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_connection);

    public void Dispose()
    {
        _native = 0;
        _statement.Dispose();
    }

    // A read after Dispose is refused, not made through a finalized statement's pointer.
    private nint Native => _native != 0 ? _native : throw new ObjectDisposedException(nameof(SqliteStatement));

    public override string ToString() => _sql;

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(_connection, rc);
        }
    }

    private static Type StoredType(RelationalTypeMapping mapping)
    {
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static SqliteException Error(sqlite3 connection, int rc) =>
        new(raw.sqlite3_errmsg(connection).utf8_to_string() ?? $"SQLite error {rc}", rc, raw.sqlite3_extended_errcode(connection));
}
