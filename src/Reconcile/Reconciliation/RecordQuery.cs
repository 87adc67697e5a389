using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Reconcile.Data;

namespace Reconcile.Reconciliation;

/// <summary>The filters of the raw record reads, written once for both providers.</summary>
internal static class RecordQuery
{
    // SqliteReconcileDbContext stores DateTimeOffset through this converter; reuse it rather than re-derive its bit layout.
    private static readonly Func<DateTimeOffset, long> ToBinary = new DateTimeOffsetToBinaryConverter().ConvertToProviderExpression.Compile();

    /// <summary><c>"System" IN (@s0, …)</c>, with one parameter per system (a flow has two to five).</summary>
    public static string SystemsIn(DbCommand command, IReadOnlyList<string> systems)
    {
        var names = systems.Select((_, i) => $"@s{i}").ToList();
        for (var i = 0; i < systems.Count; i++)
        {
            AddParameter(command, names[i], systems[i]);
        }

        return $"""
            "System" IN ({string.Join(", ", names)})
            """;
    }

    /// <summary>
    /// <c>"OrderId"</c> in any number of ids, as one parameter: a JSON array read by SQLite's <c>json_each</c>, a
    /// <c>text[]</c> on PostgreSQL. Thousands of named parameters would cost SQLite a name scan each to bind and a
    /// statement to prepare per chunk; the list sub-query still seeks the (system, order) index once per id.
    /// </summary>
    public static string OrderIdsIn(DbCommand command, ReconcileDbContext db, IReadOnlyCollection<string> orderIds)
    {
        if (db is SqliteReconcileDbContext)
        {
            AddParameter(command, "@ids", JsonSerializer.Serialize(orderIds));
            return """
                "OrderId" IN (SELECT value FROM json_each(@ids))
                """;
        }

        AddParameter(command, "@ids", orderIds.ToArray());
        return """
            "OrderId" = ANY(@ids)
            """;
    }

    /// <summary>An instant as the provider stores it: SQLite through <see cref="DateTimeOffsetToBinaryConverter"/> (a long that orders as time does), PostgreSQL as timestamptz.</summary>
    public static object Instant(ReconcileDbContext db, DateTimeOffset value) =>
        db is SqliteReconcileDbContext ? ToBinary(value) : value;

    public static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
