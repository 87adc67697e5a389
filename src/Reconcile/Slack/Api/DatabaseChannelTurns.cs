using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;

namespace Reconcile.Slack.Api;

/// <summary>
/// Channel turns in the shared PostgreSQL database (table <c>slack_channel_turns</c>, one row per channel): a
/// single upsert moves the channel's next turn on by the interval and hands the caller the previous one, so
/// two replicas can never take the same slot. On SQLite there is one process and its own limiter suffices.
/// The database's clock decides, so replicas' clocks need not agree.
/// </summary>
public sealed class DatabaseChannelTurns(IServiceScopeFactory scopes, IOptions<DatabaseOptions> database, ILogger<DatabaseChannelTurns> logger) : IChannelTurns
{
    private const string Reserve = """
        INSERT INTO slack_channel_turns (channel, next_turn_at) VALUES (@channel, clock_timestamp() + @interval)
        ON CONFLICT (channel) DO UPDATE SET next_turn_at = GREATEST(slack_channel_turns.next_turn_at, clock_timestamp()) + @interval
        RETURNING EXTRACT(EPOCH FROM (next_turn_at - @interval - clock_timestamp()))::float8
        """;

    public async Task<TimeSpan> ReserveAsync(string channel, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (database.Value.Provider != DatabaseOptions.Postgres)
        {
            return TimeSpan.Zero;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = Reserve;
            Add(command, "channel", channel);
            Add(command, "interval", interval);
            var seconds = Convert.ToDouble(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(seconds);
        }
        catch (DbException e)
        {
            // Without the shared turn this replica still keeps its own pace, and Slack's 429 with Retry-After covers the rest.
            logger.LogWarning("Shared Slack channel turn for {Channel} unavailable, posting at this replica's pace: {Reason}", channel, e.Message);
            return TimeSpan.Zero;
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
