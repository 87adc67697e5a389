using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;

namespace Reconcile.Hosting.CommandLine;

/// <summary>The walk-through: a fresh embedded database, simulated systems, a run, and what it found.</summary>
internal static class DemoVerb
{
    public const string DatabasePath = "data/demo.db";

    public static void Configure(IHostApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseOptions.Sqlite,
            ["Database:ConnectionString"] = $"Data Source={DatabasePath}",
        });
    }

    public static Command Create(WebApplication app)
    {
        var command = new Command("demo", $"Walk through Reconcile on a fresh embedded database ({DatabasePath}).");
        command.SetAction(async (_, cancellationToken) =>
        {
            DeleteDemoDatabase();
            await CommandLineSetup.PrepareAsync(app, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            var tables = await db.Database.SqlQueryRaw<string>(
                "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' ORDER BY name")
                .ToListAsync(cancellationToken);
            Terminal.Out.WriteLine($"Reconcile demo: database {DatabasePath} created with tables {string.Join(", ", tables)}.");
            return 0;
        });
        return command;
    }

    private static void DeleteDemoDatabase()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
