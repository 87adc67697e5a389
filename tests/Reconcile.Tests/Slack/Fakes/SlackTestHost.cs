using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Slack.Outbox;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Slack.Fakes;

/// <summary>The real host pointed at a fake Slack, with fast retries and polls so tests finish quickly.</summary>
public static class SlackTestHost
{
    public static ReconcileFactory Create(FakeSlackApi fake, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = fake.BaseUrl,
            ["Slack:BotToken"] = TestSecrets.BotToken,
            ["Slack:SigningSecret"] = TestSecrets.SigningSecret,
            ["Slack:RetryBaseDelay"] = "00:00:00.010",
            ["Slack:ChannelPostInterval"] = "00:00:00.010",
            ["Slack:OutboxPollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ReconcileFactory.With(settings);
    }

    /// <summary>Saves the exceptions, then queues them through SlackOutbox and saves again, as a run would.</summary>
    public static async Task<List<ExceptionEntity>> OpenAsync(ReconcileFactory factory, params ExceptionEntity[] exceptions)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        db.Exceptions.AddRange(exceptions);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<SlackOutbox>().QueueExceptionsOpened(db, exceptions);
        await db.SaveChangesAsync();
        return [.. exceptions];
    }

    public static async Task<T> QueryAsync<T>(ReconcileFactory factory, Func<ReconcileDbContext, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReconcileDbContext>());
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, int timeoutSeconds = 20)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed.TotalSeconds > timeoutSeconds)
            {
                throw new TimeoutException("Condition not met in time.");
            }

            await Task.Delay(50);
        }
    }
}
