using System.ComponentModel.DataAnnotations;

namespace Reconcile.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    [Required]
    public string Provider { get; set; } = Sqlite;

    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/reconcile.db";

    /// <summary>Apply pending migrations when the service starts (the `migrate` verb always does).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>How many earlier versions of each record to keep for diagnostics.</summary>
    [Range(0, 1000)]
    public int HistoryDepth { get; set; } = 5;
}
