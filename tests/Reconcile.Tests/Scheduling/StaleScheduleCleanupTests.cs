using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Reconcile.Tests.Data.Postgres;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Scheduling;

/// <summary>On the clustered (stored) schedule, a start with a new configuration drops what the old one stored.</summary>
public sealed class StaleScheduleCleanupTests
{
    [SkippableFact]
    public async Task A_flow_removed_from_configuration_loses_its_stored_job_and_trigger_and_a_changed_schedule_replaces_its_trigger()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var before = Settings(database);
        before["Flows:retired-flow:Source"] = "shop";
        before["Flows:retired-flow:Targets:0"] = "crm";
        before["Flows:retired-flow:Compare:0"] = "total";
        before["Flows:retired-flow:Owner"] = "campaign-ops";
        before["Flows:retired-flow:Schedule"] = "0 0/5 * * * ?";
        await StartAndStopAsync(before);
        Assert.Equal(1L, await CountAsync(database, "qrtz_job_details", "job_name = 'run:retired-flow'"));
        Assert.Equal(1L, await CountAsync(database, "qrtz_triggers", "trigger_name = 'run:retired-flow:cron'"));

        var after = Settings(database);
        after["Flows:promo-to-billing:Schedule"] = "0 0/5 * * * ?";
        await StartAndStopAsync(after);

        Assert.Equal(0L, await CountAsync(database, "qrtz_job_details", "job_name = 'run:retired-flow'"));
        Assert.Equal(0L, await CountAsync(database, "qrtz_triggers", "trigger_name = 'run:retired-flow:cron'"));
        // A changed schedule replaces the stored trigger: one trigger, with the new cron.
        Assert.Equal(1L, await CountAsync(database, "qrtz_cron_triggers", "trigger_name = 'run:promo-to-billing:cron' AND cron_expression = '0 0/5 * * * ?'"));
        Assert.Equal(1L, await CountAsync(database, "qrtz_triggers", "trigger_name LIKE 'run:promo-to-billing%'"));
        Assert.Equal(1L, await CountAsync(database, "qrtz_triggers", "trigger_name = 'dead-runs:interval'"));
        Assert.Equal(1L, await CountAsync(database, "qrtz_job_details", "job_name = 'dead-runs'"));
    }

    private static Dictionary<string, string?> Settings(PostgresDatabase database) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = database.ConnectionString,
    };

    private static async Task StartAndStopAsync(Dictionary<string, string?> settings)
    {
        using var factory = new EarlySettingsFactory(settings);
        using var client = factory.CreateClient();
        using var live = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));
        Assert.True(live.IsSuccessStatusCode);
    }

    private static async Task<long> CountAsync(PostgresDatabase database, string table, string where) =>
        Convert.ToInt64(await database.ScalarAsync($"SELECT count(*) FROM {table} WHERE {where}"), CultureInfo.InvariantCulture);

    /// <summary>Quartz's declarations read configuration while the app is built, so these keys go in as host settings.</summary>
    private sealed class EarlySettingsFactory(Dictionary<string, string?> settings) : ReconcileFactory(settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
