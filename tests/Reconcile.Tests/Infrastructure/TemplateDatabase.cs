using Microsoft.EntityFrameworkCore;
using Reconcile.Data;

namespace Reconcile.Tests.Infrastructure;

/// <summary>
/// An empty SQLite database migrated once per test run. Each host starts from its own copy of it, so the
/// migrations run once instead of once per host (the host still checks there is nothing pending).
/// </summary>
public static class TemplateDatabase
{
    private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Writes a migrated, empty database at <paramref name="path"/> (which must not exist yet).</summary>
    public static void CopyTo(string path) => File.Copy(Template.Value, path);

    private static string Create()
    {
        var directory = TestDirectory.Create();
        var path = Path.Combine(directory, "template.db");
        // No pooling: the file must be closed (and complete) before the first copy.
        var options = new DbContextOptionsBuilder<SqliteReconcileDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;
        using (var db = new SqliteReconcileDbContext(options))
        {
            db.Database.Migrate();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestDirectory.TryDelete(directory);
        return path;
    }
}
