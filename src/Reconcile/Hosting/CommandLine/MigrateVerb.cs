using System.CommandLine;
using Microsoft.Extensions.Options;
using Reconcile.Data;

namespace Reconcile.Hosting.CommandLine;

internal static class MigrateVerb
{
    public static Command Create(WebApplication app)
    {
        var command = new Command("migrate", "Apply the database migrations of the configured provider, then exit.");
        command.SetAction(async (_, cancellationToken) =>
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            var applied = await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            Terminal.Out.WriteLine(applied.Count == 0
                ? "The database is up to date."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }
}
