using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Reconcile.Data;

namespace Reconcile.Reconciliation;

/// <summary>Reads a stored DateTimeOffset from raw SQL the way each provider stores it.</summary>
internal static class ReceivedAtReader
{
    // SqliteReconcileDbContext stores DateTimeOffset through this converter; reuse it rather than re-derive its bit layout.
    internal static readonly Func<long, DateTimeOffset> FromBinary = new DateTimeOffsetToBinaryConverter().ConvertFromProviderExpression.Compile();

    public static Func<DbDataReader, int, DateTimeOffset> For(ReconcileDbContext db) => db is SqliteReconcileDbContext
        ? (reader, ordinal) => FromBinary(reader.GetInt64(ordinal))
        : (reader, ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
