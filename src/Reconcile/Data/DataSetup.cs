using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Reconcile.Data;

public static class DataSetup
{
    /// <summary>
    /// Registers both provider contexts lazily and resolves <see cref="ReconcileDbContext"/> to the one
    /// `Database:Provider` names, so configuration applied late (tests, RECONCILE_CONFIG) still decides.
    /// </summary>
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        // One gate per host: its contexts share one SQLite file, whose single writer the gate hands on in turn.
        // The options are built once per host (their interceptors are singletons): built per request, they cost a
        // webhook more than its own queries.
        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<BackgroundCheckpoints>();
        services.AddDbContext<SqliteReconcileDbContext>((sp, options) => options
            .UseSqlite(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString)
            .AddInterceptors(new SqlitePragmaInterceptor(), sp.GetRequiredService<SqliteWriteGate>())
            .AddInterceptors(sp.GetServices<IInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContext<PostgresReconcileDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString)
            .AddInterceptors(sp.GetServices<IInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
        services.AddScoped<ReconcileDbContext>(sp => IsPostgres(sp)
            ? sp.GetRequiredService<PostgresReconcileDbContext>()
            : sp.GetRequiredService<SqliteReconcileDbContext>());

        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<DatabaseStartup>();
        return builder;
    }

    private static bool IsPostgres(IServiceProvider sp) => string.Equals(
        sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider, DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase);
}
