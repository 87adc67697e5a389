using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Reconcile.Data;

namespace Reconcile.Tests.Infrastructure;

/// <summary>
/// The real host on a real SQLite file of its own. Tests change behaviour through configuration
/// (the way an operator would), not by swapping services; time is the one exception.
/// </summary>
public class ReconcileFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ReconcileFactory()
        : this(null)
    {
    }

    protected ReconcileFactory(IDictionary<string, string?>? settings)
    {
        Directory = TestDirectory.Create();
        DatabasePath = Path.Combine(Directory, "reconcile.db");
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={DatabasePath}",
            ["Slack:BotToken"] = "",
            ["Slack:SigningSecret"] = TestSecrets.SigningSecret,
            // A deciding click's acknowledgement follows its decision, so a test reads the decision right after it.
            ["Slack:ClickInboxAckWait"] = "00:00:02.5",
            ["Api:AdminToken"] = TestSecrets.AdminToken,
            ["Scheduling:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        if (_settings["Database:Provider"] == "Sqlite" && _settings["Database:ConnectionString"] == $"Data Source={DatabasePath}")
        {
            TemplateDatabase.CopyTo(DatabasePath);
        }
    }

    /// <summary>A factory whose configuration differs from the defaults by these keys.</summary>
    public static ReconcileFactory With(IDictionary<string, string?> settings) => new(settings);

    public string Directory { get; }
    public string DatabasePath { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));

    /// <summary>Whether the example topology (appsettings.sample.json: promo-to-billing, its owners and systems) is loaded.</summary>
    protected virtual bool LoadsSampleConfiguration => true;

    /// <summary>Saves these entities (exceptions, runs, records…) in one unit of work, as a test's given.</summary>
    public async Task SeedAsync(params object[] entities)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Deletes every row of <typeparamref name="TEntity"/>'s table: a shared host's per-test reset, so a test that reads a
    /// whole table (a count, a list per owner) sees only what it seeded. Audit events are append-only and refuse it.
    /// </summary>
    public async Task ClearAsync<TEntity>()
        where TEntity : class
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReconcileDbContext>().Set<TEntity>().ExecuteDeleteAsync();
    }

    /// <summary>Reads through a fresh DbContext of the host, as a test's then.</summary>
    public async Task<T> QueryAsync<T>(Func<ReconcileDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReconcileDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        if (LoadsSampleConfiguration)
        {
            // Host settings reach the app's builder before its Setup files run (flows' jobs are declared there),
            // as RECONCILE_CONFIG does for an operator; the test's own keys below still win.
            foreach (var (key, value) in TestConfiguration.SampleSettings)
            {
                builder.UseSetting(key, value);
            }
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>Starts the host, counting it (see <see cref="HostStarts"/>).</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        HostStarts.Record(GetType());
        return base.CreateHost(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TestDirectory.TryDelete(Directory);
        }
    }
}
