using Microsoft.Extensions.DependencyInjection;
using Reconcile.Reconciliation;
using Reconcile.Slack.Notifications;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Reconciliation;

/// <summary>What Slack hears after a run: Live posts, Shadow stays quiet, the circuit breaker alerts once.</summary>
public sealed class RunNotificationTests
{
    private static string ShopOnly(int i) =>
        $$"""{"orderId":"{{6000 + i}}","currency":"USD","total":10.00,"updatedAt":"2026-11-23T12:00:00Z"}""";

    private static async Task IngestShopOnlyAsync(HttpClient client, int count) =>
        await client.PostJsonAsync("/api/systems/shop/records", $$"""{"records":[{{string.Join(",", Enumerable.Range(0, count).Select(ShopOnly))}}]}""");

    [Fact]
    public async Task A_live_run_posts_each_new_exception_to_its_owners_channel()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake);
        using var client = factory.CreateClient();
        await IngestShopOnlyAsync(client, 2);
        factory.Time.Advance(TimeSpan.FromMinutes(30));

        await RunDriver.RunAsync(client);

        var posts = await fake.WaitForAsync("chat.postMessage", 4);
        Assert.Equal(2, posts.Count(p => p.Text("channel") == "C0CRM"));
        Assert.Equal(2, posts.Count(p => p.Text("channel") == "C0FIN"));
    }

    [Fact]
    public async Task A_shadow_flow_posts_nothing_per_exception_but_one_daily_summary()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?> { ["Flows:promo-to-billing:Mode"] = "Shadow" });
        using var client = factory.CreateClient();
        await IngestShopOnlyAsync(client, 2);
        factory.Time.Advance(TimeSpan.FromMinutes(30));
        var run = await RunDriver.RunAsync(client);
        Assert.Equal(4, run.GetProperty("exceptionsOpened").GetInt32());

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ShadowSummary>().QueueAsync(CancellationToken.None));
        }

        var post = Assert.Single(await fake.WaitForAsync("chat.postMessage", 1));
        Assert.Equal("C0CAMP", post.Text("channel"));
        Assert.Contains("Shadow flow *promo-to-billing*", post.Text("text"), StringComparison.Ordinal);
        Assert.Contains("missing_in_target 4", post.Text("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_past_the_exception_rate_limit_posts_one_alert_instead_of_a_flood_and_stays_quiet_on_the_next()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?> { ["Flows:promo-to-billing:MaxExceptionRate"] = "0.1" });
        using var client = factory.CreateClient();
        await IngestShopOnlyAsync(client, 30);
        factory.Time.Advance(TimeSpan.FromMinutes(30));

        var first = await RunDriver.RunAsync(client);
        var second = await RunDriver.RunAsync(client, full: true);

        Assert.True(first.GetProperty("circuitBreakerTripped").GetBoolean());
        Assert.True(second.GetProperty("circuitBreakerTripped").GetBoolean());
        var alert = Assert.Single(await fake.WaitForAsync("chat.postMessage", 1));
        Assert.Equal("C0CAMP", alert.Text("channel"));
        Assert.Contains("Circuit breaker tripped", alert.Text("text"), StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Single(fake.Calls("chat.postMessage"));
    }
}
