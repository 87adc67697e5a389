using System.Net;
using System.Text.Json;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_answers_200_when_the_database_is_reachable()
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("scheduler").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("slack").GetProperty("status").GetString());
        Assert.Contains("not connected", checks.GetProperty("slack").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_reports_slack_degraded_but_still_answers_200_when_slack_refuses_the_token()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("auth.test", FakeReply.Error("invalid_auth"));
        using var factory = SlackTestHost.Create(fake);
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var slack = body.RootElement.GetProperty("checks").GetProperty("slack");
        Assert.Equal("degraded", slack.GetProperty("status").GetString());
        Assert.Contains("invalid_auth", slack.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_database_is_unreachable()
    {
        using var factory = ReconcileFactory.With(new Dictionary<string, string?>
        {
            ["Database:MigrateOnStart"] = "false",
            ["Database:ConnectionString"] = "Data Source=/nonexistent-reconcile-dir/sub/reconcile.db;Mode=ReadWrite",
        });
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task With_the_database_down_the_pod_is_live_but_not_ready()
    {
        using var factory = ReconcileFactory.With(new Dictionary<string, string?>
        {
            ["Database:MigrateOnStart"] = "false",
            ["Database:ConnectionString"] = "Data Source=/nonexistent-reconcile-dir/sub/reconcile.db;Mode=ReadWrite",
        });
        using var client = factory.CreateClient();

        var live = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));
        var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var liveBody = JsonDocument.Parse(await live.Content.ReadAsStringAsync());
        Assert.Equal("healthy", liveBody.RootElement.GetProperty("status").GetString());
        Assert.Empty(liveBody.RootElement.GetProperty("checks").EnumerateObject());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var readyBody = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", readyBody.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_reports_slack_degraded_and_stays_ready_when_slack_refuses_the_token()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("auth.test", FakeReply.Error("invalid_auth"));
        using var factory = SlackTestHost.Create(fake);
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("degraded", checks.GetProperty("slack").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.True(checks.TryGetProperty("scheduler", out _));
    }
}
