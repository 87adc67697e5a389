using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Reconcile.Reconciliation;
using Reconcile.Tests.Data.Postgres;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Scheduling;

/// <summary>Two replicas as real processes on one PostgreSQL database, sharing Quartz's clustered job store.</summary>
public sealed class ClusteredReplicasTests
{
    private const string Flow = "promo-to-billing";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(3);

    [SkippableFact]
    public async Task Two_replicas_run_each_scheduled_tick_once_never_overlap_refuse_a_second_run_and_carry_on_after_one_is_killed()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var directory = TestDirectory.Create();
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Database__MigrateOnStart"] = "false",
            ["Slack__BotToken"] = "",
            ["Slack__SigningSecret"] = TestSecrets.SigningSecret,
            ["Api__AdminToken"] = TestSecrets.AdminToken,
            ["Flows__promo-to-billing__Schedule"] = "0/3 * * * * ?",
            ["Scheduling__DeadRunAfter"] = "00:00:08",
            ["RECONCILE_CONFIG"] = Path.Combine(AppContext.BaseDirectory, "appsettings.sample.json"),
        };
        // Schema first, once, as an operator's migrate job does before replicas roll out.
        var migrate = await ReconcileProcess.RunAsync(directory, environment, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Error);

        // A run another replica ("elsewhere") is in the middle of, still beating: nobody may start the flow nor close it.
        var elsewhere = (long)(await database.ScalarAsync(
            $$"""INSERT INTO runs ("Flow", "Status", "Full", "TriggeredBy", "StartedAt", "OrdersExamined", "OrdersMatched", "FindingsByType", "ExceptionsOpened", "ExceptionsUpdated", "ExceptionsAutoResolved", "CircuitBreakerTripped", "Instance", "HeartbeatAt") VALUES ('{{Flow}}', 'running', false, 'api', now(), 0, 0, '{}', 0, 0, 0, false, 'elsewhere', now() + interval '1 hour') RETURNING "Id" """))!;

        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        using var http = services.GetRequiredService<IHttpClientFactory>().CreateClient();
        using var a = ReplicaProcess.Start(directory, With(environment, "replica-a"));
        using var b = ReplicaProcess.Start(directory, With(environment, "replica-b"));
        await Task.WhenAll(a.WaitUntilServingAsync(http, TimeSpan.FromSeconds(120)), b.WaitUntilServingAsync(http, TimeSpan.FromSeconds(120)));

        foreach (var replica in new[] { a, b })
        {
            using var refused = await PostRunAsync(http, replica);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        Assert.Equal("running", await database.ScalarAsync($"""SELECT "Status" FROM runs WHERE "Id" = {elsewhere}"""));

        // "elsewhere" stops beating (its process died): whichever replica sweeps first marks its run failed.
        await database.ScalarAsync($"""UPDATE runs SET "HeartbeatAt" = now() - interval '1 minute' WHERE "Id" = {elsewhere}""");
        await Eventually(async () => await database.ScalarAsync($"""SELECT "Error" FROM runs WHERE "Id" = {elsewhere}""") as string == InterruptedRuns.DeadError, TimeSpan.FromSeconds(20));

        await Task.Delay(TimeSpan.FromSeconds(15));
        var killedAt = new DateTimeOffset((DateTime)(await database.ScalarAsync("SELECT now()"))!);
        a.Kill();
        // A dead replica is noticed after its missed check-ins (Quartz cluster check-in interval plus its misfire threshold, about 30 s), then its triggers are recovered.
        await Task.Delay(TimeSpan.FromSeconds(55));
        b.Kill();

        var runs = await ScheduledRunsAsync(database);
        var all = string.Join("\n", runs.Select(r => $"{r.Instance} {r.StartedAt:HH:mm:ss.fff}–{r.EndedAt:HH:mm:ss.fff} {r.Status}"));
        Assert.True(runs.Count >= 8, $"too few scheduled runs:\n{all}\n--- a ---\n{a.Log}");
        Assert.All(runs, r => Assert.Contains(r.Instance, new[] { "replica-a", "replica-b" }));
        // One run per tick: never more runs than ticks in the window (a tick fired on both replicas would add one), and
        // while both replicas live, every run belongs to a tick of its own. A tick may fire late (its replica was busy,
        // or the cluster lock was held) and the next one on time right after it, so two runs can start milliseconds
        // apart and still be two ticks; a tick fired twice leaves a run with no tick of its own at or shortly before it.
        // Once a replica is lost, ticks it held come later still and are caught up, still once each.
        var ticks = (int)Math.Round((runs[^1].StartedAt - runs[0].StartedAt) / Tick) + 1;
        Assert.True(runs.Count <= ticks, $"{runs.Count} runs for {ticks} ticks:\n{all}");
        var taken = new HashSet<long>();
        foreach (var run in runs.Where(r => r.StartedAt < killedAt))
        {
            Assert.True(OwnTick(run.StartedAt, taken), $"two runs for one tick (the run at {run.StartedAt:HH:mm:ss.fff}):\n{all}");
        }

        for (var i = 1; i < runs.Count; i++)
        {
            // Never two at once: each run ended before the next began (a killed run is ended later, by the sweep).
            Assert.True(runs[i - 1].EndedAt is null || runs[i - 1].EndedAt <= runs[i].StartedAt || runs[i - 1].Status == "failed", $"overlapping runs:\n{all}");
        }

        // After the kill the survivor keeps the schedule, once Quartz has taken the killed replica for dead (about 30 s).
        var afterKill = runs.Where(r => r.StartedAt > killedAt + TimeSpan.FromSeconds(5)).ToList();
        Assert.True(afterKill.Count >= 4, $"schedule stopped after the kill:\n{all}\n--- b ---\n{b.Log}");
        Assert.All(afterKill, r => Assert.Equal("replica-b", r.Instance));
        TestDirectory.TryDelete(directory);
    }

    /// <summary>
    /// Takes the latest tick not yet taken that this run could be (the schedule fires every <see cref="Tick"/> on the
    /// minute): the one at or before its start, else, for a tick that fired late, the one before that. False when both
    /// already have their run, as a tick fired twice leaves them.
    /// </summary>
    private static bool OwnTick(DateTimeOffset startedAt, HashSet<long> taken)
    {
        var latest = startedAt.ToUnixTimeMilliseconds() / (long)Tick.TotalMilliseconds;
        return taken.Add(latest) || taken.Add(latest - 1);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> environment, string instance) =>
        new(environment) { ["Scheduling__InstanceId"] = instance };

    private static async Task<HttpResponseMessage> PostRunAsync(HttpClient http, ReplicaProcess replica)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(replica.Address, $"api/flows/{Flow}/runs"))
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestSecrets.AdminToken);
        return await http.SendAsync(request);
    }

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = TimeProvider.System.GetUtcNow() + timeout;
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, "condition not met in time");
            await Task.Delay(500);
        }
    }

    private sealed record Run(string? Instance, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Status);

    private static async Task<List<Run>> ScheduledRunsAsync(PostgresDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""SELECT "Instance", "StartedAt", "EndedAt", "Status" FROM runs WHERE "Flow" = '{Flow}' AND "TriggeredBy" = 'schedule' ORDER BY "StartedAt" """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var runs = new List<Run>();
        while (await reader.ReadAsync())
        {
            runs.Add(new Run(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3)));
        }

        return runs;
    }
}
