using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Reconciliation;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Reconciliation;

/// <summary>Every way a run starts goes through the flow's one Quartz run job, gated by the flow's running row.</summary>
public sealed class RunStartTests
{
    [Fact]
    public async Task A_flow_with_a_run_going_refuses_a_second_start_over_the_api_and_in_slack()
    {
        using var factory = ReconcileFactory.With(new Dictionary<string, string?> { ["Slack:Admins:0"] = "U0CAMP1" });
        using var client = factory.CreateClient();
        await AddRunAsync(factory, new RunEntity { Flow = "promo-to-billing", TriggeredBy = "api", StartedAt = factory.Time.GetUtcNow() });

        var api = await client.PostJsonAsync("/api/flows/promo-to-billing/runs", "{}");
        var slack = await client.SendAsync(SlackRequests.Command("run promo-to-billing", factory.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Contains("already in progress", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("already in progress", JsonNode.Parse(await slack.Content.ReadAsStringAsync())!["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await SlackTestHost.QueryAsync(factory, db => db.Runs.CountAsync()));
    }

    [Fact]
    public async Task A_run_left_running_by_a_restart_is_marked_interrupted_and_its_flow_runs_again()
    {
        var directory = TestDirectory.Create();
        var database = new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "shared.db")}" };
        long stale;
        using (var before = ReconcileFactory.With(database))
        {
            stale = await AddRunAsync(before, new RunEntity { Flow = "promo-to-billing", TriggeredBy = "api", StartedAt = before.Time.GetUtcNow() });
        }

        using var after = ReconcileFactory.With(database);
        using var client = after.CreateClient();
        var interrupted = await SlackTestHost.QueryAsync(after, db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == stale));
        var next = await RunDriver.RunAsync(client);

        Assert.Equal(RunStatus.Failed, interrupted.Status);
        Assert.Equal(InterruptedRuns.Error, interrupted.Error);
        Assert.Equal("completed", next.GetProperty("status").GetString());
        TestDirectory.TryDelete(directory);
    }

    [Fact]
    public async Task Each_flow_has_one_durable_run_job_that_never_runs_twice_at_once()
    {
        using var factory = new ReconcileFactory();
        using var _ = factory.CreateClient();
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var job = await scheduler.GetJobDetail(FlowRunJob.KeyFor("promo-to-billing"));

        Assert.NotNull(job);
        Assert.True(job.ConcurrentExecutionDisallowed);
        Assert.True(job.Durable);
        Assert.Equal("promo-to-billing", job.JobDataMap.GetString(FlowRunJob.FlowKey));
    }

    private static async Task<long> AddRunAsync(ReconcileFactory factory, RunEntity run)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }
}
