using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Reconcile.Data;

/// <summary>
/// A write outside a transaction (ExecuteUpdate, ExecuteDelete, a single-statement save) takes SQLite's write lock too:
/// ungated, it met a run's write transaction inside SQLite's busy handler, blocking a pool thread in sleeps of up to
/// 100 ms each (the outbox claims its rows so, a few hundred times a second under a burst of clicks). Such a statement
/// waits for the gate like a transaction does and lets go of it once it has run (one that returns rows, once its reader
/// is disposed).
/// </summary>
internal sealed partial class SqliteWriteGate : IDbCommandInterceptor
{
    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Enter(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, eventData, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Leave(eventData?.Context);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Leave(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Enter(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, eventData, cancellationToken);
        return result;
    }

    // A statement that writes and returns rows (INSERT … RETURNING) holds SQLite's write lock until its reader is done with.
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Leave(eventData?.Context);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Enter(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, eventData, cancellationToken);
        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Leave(eventData?.Context);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Leave(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(eventData?.Context);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData?.Context);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(eventData?.Context);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData?.Context);
        return Task.CompletedTask;
    }

    /// <summary>Whether a statement writes outside a transaction: INSERT, UPDATE, DELETE or REPLACE, after any comments.</summary>
    internal static bool WritesAlone(DbCommand command) => command.Transaction is null && FirstWord(command.CommandText) is var word
        && (word.Equals("INSERT", StringComparison.OrdinalIgnoreCase) || word.Equals("UPDATE", StringComparison.OrdinalIgnoreCase)
            || word.Equals("DELETE", StringComparison.OrdinalIgnoreCase) || word.Equals("REPLACE", StringComparison.OrdinalIgnoreCase));

    private static ReadOnlySpan<char> FirstWord(string? sql)
    {
        var text = sql.AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("--", StringComparison.Ordinal))
            {
                var end = text.IndexOf('\n');
                text = end < 0 ? [] : text[(end + 1)..];
            }
            else if (text.StartsWith("/*", StringComparison.Ordinal))
            {
                var end = text.IndexOf("*/", StringComparison.Ordinal);
                text = end < 0 ? [] : text[(end + 2)..];
            }
            else
            {
                var length = 0;
                while (length < text.Length && char.IsAsciiLetter(text[length]))
                {
                    length++;
                }

                return text[..length];
            }
        }
    }

    private void Enter(DbCommand command, CommandEventData eventData)
    {
        if (eventData?.Context is { } context && WritesAlone(command) && !_holders.TryGetValue(context, out _) && _gate.Wait(MaxWait))
        {
            _holders.Add(context, ByCommand);
        }
    }

    private async Task EnterAsync(DbCommand command, CommandEventData eventData, CancellationToken cancellationToken)
    {
        if (eventData?.Context is { } context && WritesAlone(command) && !_holders.TryGetValue(context, out _) && await _gate.WaitAsync(MaxWait, cancellationToken))
        {
            _holders.Add(context, ByCommand);
        }
    }

    private void Leave(DbContext? context)
    {
        if (context is not null && _holders.TryGetValue(context, out var how) && ReferenceEquals(how, ByCommand) && _holders.Remove(context))
        {
            _gate.Release();
        }
    }
}
