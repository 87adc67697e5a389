using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Reconcile.Data;

/// <summary>
/// SQLite's column accessors (<c>sqlite3_column_type</c>, <c>_int64</c>, <c>_blob</c>, <c>_bytes</c>) called on the raw
/// statement pointer, from the same native library SQLitePCLRaw loads. Through SQLitePCLRaw each call took and released
/// the statement's safe handle and made a full transition out of managed code: a full run reads about twenty columns
/// of three million rows, and those calls cost more than SQLite's own stepping.
/// </summary>
/// <remarks>
/// Called without that transition (<see cref="SuppressGCTransitionAttribute"/>), a call must return at once and never
/// call back into managed code. These read the current row's values; each takes its connection's mutex, which never
/// waits because a connection is used by one thread at a time here (as every EF context and data reader is), and
/// none calls a function registered from managed code. <see cref="Bytes"/> is for TEXT and BLOB columns only: on a
/// number SQLite would convert the value to text, allocating.
/// </remarks>
internal static unsafe partial class SqliteColumns
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLite's fundamental type code of a NULL value (<c>SQLITE_NULL</c>).</summary>
    public const int Null = 5;

    /// <summary>The fundamental type (1 integer, 2 float, 3 text, 4 blob, <see cref="Null"/>) of column <paramref name="column"/> (0-based).</summary>
    public static int Type(nint statement, int column) => sqlite3_column_type(statement, column);

    /// <summary>The column's value as a 64-bit integer (0 for NULL).</summary>
    public static long Int64(nint statement, int column) => sqlite3_column_int64(statement, column);

    /// <summary>
    /// The bytes of a TEXT or BLOB column as SQLite holds them for the current row (a text's UTF-8, without terminator;
    /// empty for NULL), valid until the statement steps, resets or is finalized.
    /// </summary>
    public static ReadOnlySpan<byte> Bytes(nint statement, int column)
    {
        // The pointer first, then the length: had the blob call converted the value, the length counts the bytes it returned.
        var bytes = sqlite3_column_blob(statement, column);
        var length = sqlite3_column_bytes(statement, column);
        return bytes == 0 || length == 0 ? [] : new ReadOnlySpan<byte>((void*)bytes, length);
    }

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    private static partial int sqlite3_column_type(nint statement, int column);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    private static partial long sqlite3_column_int64(nint statement, int column);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    private static partial nint sqlite3_column_blob(nint statement, int column);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    private static partial int sqlite3_column_bytes(nint statement, int column);
}
