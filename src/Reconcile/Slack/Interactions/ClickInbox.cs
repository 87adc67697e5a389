using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Reconcile.Data;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// Deciding clicks (Escalate, Replay, automation's Enable) kept in a SQLite file of their own beside the store's file
/// (<see cref="PathFor"/>) from before they are acknowledged until their handler has run. The store has one writer, and
/// a run's write phase holds it for up to seconds; the inbox has a writer of its own, so a click is saved, and can be
/// acknowledged, in a millisecond whatever a run is writing, and a crash of the process before its handler finishes
/// still cannot lose it (Slack does not send a click twice): <see cref="ClickInboxReplay"/> runs what is left at the
/// next start. The file is as durable as the store's own writes (WAL, <c>synchronous = NORMAL</c>): it survives the
/// process, not a power cut that the store's last commits would not survive either.
/// Only for a store in a SQLite file: on PostgreSQL writers do not wait for one another, and a store in memory has
/// nothing to survive a crash; there <see cref="Enabled"/> is false and a click waits for its decision, as before.
/// Thread-safe: one connection, used by one caller at a time.
/// </summary>
public sealed class ClickInbox : IAsyncDisposable
{
    private const string Schema =
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; " +
        "CREATE TABLE IF NOT EXISTS clicks (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL, received_at TEXT NOT NULL);";

    /// <summary>
    /// How many deciding clicks are handled at once in the process. Their writes queue for the store's writer anyway;
    /// hundreds handled side by side during a run only took the cores from the requests (200 Escalate clicks a second
    /// during back-to-back runs, acknowledged before deciding: p99 399 ms unbounded, 92–141 ms with one to four at a
    /// time). Four rather than one, so a Replay that waits on a slow target system does not hold up everyone's clicks.
    /// </summary>
    public const int DecidingAtOnce = 4;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ILogger<ClickInbox> _logger;
    private SqliteConnection? _connection;
    private bool _closed;

    /// <summary>Creates the inbox of the configured store (disabled unless the store is a SQLite file).</summary>
    public ClickInbox(IOptions<DatabaseOptions> database, ILogger<ClickInbox> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        Path = PathFor(database.Value);
        _logger = logger;
    }

    /// <summary>The inbox's file, or null when the store is not a SQLite file.</summary>
    public string? Path { get; }

    /// <summary>The turns of deciding clicks: <see cref="DecidingAtOnce"/> are handled at once, the rest wait in order.</summary>
    internal SemaphoreSlim Deciding { get; } = new(DecidingAtOnce, DecidingAtOnce);

    /// <summary>Whether clicks are saved here before they are acknowledged.</summary>
    public bool Enabled => Path is not null;

    /// <summary>
    /// The inbox file of a store: <c>reconcile.clicks.db</c> beside <c>Data Source=data/reconcile.db</c> (relative paths
    /// are taken from the current directory, as SQLite takes them). Null for PostgreSQL and for a SQLite store in memory.
    /// </summary>
    public static string? PathFor(DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!string.Equals(database.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var store = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (store.Mode == SqliteOpenMode.Memory || store.DataSource.Length == 0 || store.DataSource == ":memory:")
        {
            return null;
        }

        var file = System.IO.Path.GetFullPath(store.DataSource);
        var name = System.IO.Path.GetFileNameWithoutExtension(file) + ".clicks" + System.IO.Path.GetExtension(file);
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, name);
    }

    /// <summary>
    /// Saves a click's payload (the interaction JSON as Slack sent it) and returns its id, or null when the inbox is
    /// disabled or could not write (the failure is logged; the caller then waits for the decision instead).
    /// </summary>
    public async Task<long?> SaveAsync(string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!Enabled)
        {
            return null;
        }

        try
        {
            return await UseAsync(async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO clicks (payload, received_at) VALUES ($payload, $at) RETURNING id";
                command.Parameters.AddWithValue("$payload", payload);
                command.Parameters.AddWithValue("$at", receivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            }, cancellationToken);
        }
        catch (Exception e) when (e is SqliteException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogWarning(e, "Could not save a click in the click inbox {Path}; it is acknowledged once decided instead", Path);
            return null;
        }
    }

    /// <summary>Removes a click whose handler has run (or told its user it failed).</summary>
    public Task RemoveAsync(long id, CancellationToken cancellationToken) => UseAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM clicks WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }, cancellationToken);

    /// <summary>As <see cref="RemoveAsync"/>, logging instead of raising: the click is decided all the same, and left in the inbox it is refused as an old click at the next start.</summary>
    public async Task TryRemoveAsync(long id)
    {
        try
        {
            await RemoveAsync(id, CancellationToken.None);
        }
        catch (Exception e) when (e is SqliteException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogWarning(e, "Click {ClickId} was decided but could not be taken out of the click inbox {Path}", id, Path);
        }
    }

    /// <summary>The newest click's id, or 0 when the inbox is empty or disabled.</summary>
    public async Task<long> LastIdAsync(CancellationToken cancellationToken) => !Enabled ? 0 : await UseAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(id), 0) FROM clicks";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }, cancellationToken);

    /// <summary>The clicks saved and not yet removed, oldest first (none when disabled).</summary>
    public Task<IReadOnlyList<SavedClick>> PendingAsync(CancellationToken cancellationToken) => PendingAsync(long.MaxValue, cancellationToken);

    /// <summary>The clicks saved and not yet removed, oldest first, up to id <paramref name="upTo"/> (none when disabled).</summary>
    public async Task<IReadOnlyList<SavedClick>> PendingAsync(long upTo, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return [];
        }

        return await UseAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, payload, received_at FROM clicks WHERE id <= $upTo ORDER BY id";
            command.Parameters.AddWithValue("$upTo", upTo);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var pending = new List<SavedClick>();
            while (await reader.ReadAsync(cancellationToken))
            {
                pending.Add(new SavedClick(reader.GetInt64(0), reader.GetString(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)));
            }

            return pending;
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Waits for the call in progress; later calls find the inbox closed (a save then falls back to waiting for the
    /// decision). The semaphores are left to the collector: handlers still finishing in the background release them.
    /// </remarks>
    public async ValueTask DisposeAsync()
    {
        await _turn.WaitAsync();
        try
        {
            _closed = true;
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<T> UseAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (_connection is null)
            {
                var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
                await connection.OpenAsync(cancellationToken);
                await using var schema = connection.CreateCommand();
                schema.CommandText = Schema;
                await schema.ExecuteNonQueryAsync(cancellationToken);
                _connection = connection;
            }

            return await work(_connection);
        }
        finally
        {
            _turn.Release();
        }
    }
}

/// <summary>A click in the <see cref="ClickInbox"/>: its id there, its interaction JSON and when it arrived (UTC).</summary>
public sealed record SavedClick(long Id, string Payload, DateTimeOffset ReceivedAt);
