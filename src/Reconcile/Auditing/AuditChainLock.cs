using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Reconcile.Auditing;

/// <summary>
/// Serializes "read the chain head, append, commit" across the process, so two concurrent units of
/// work can never chain to the same previous event. Held from save until the transaction ends.
/// </summary>
public sealed class AuditChainLock : IDisposable
{
    private const string TimeoutMessage = "Another unit of work held the audit chain for too long; a transaction that writes audit events was left open.";
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConditionalWeakTable<DbContext, object> _holders = [];

    public async Task AcquireAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (_holders.TryGetValue(context, out _))
        {
            return;
        }

        if (!await _gate.WaitAsync(MaxWait, cancellationToken))
        {
            throw new TimeoutException(TimeoutMessage);
        }

        _holders.Add(context, new object());
    }

    public void Acquire(DbContext context)
    {
        if (_holders.TryGetValue(context, out _))
        {
            return;
        }

        if (!_gate.Wait(MaxWait))
        {
            throw new TimeoutException(TimeoutMessage);
        }

        _holders.Add(context, new object());
    }

    public void Release(DbContext? context)
    {
        if (context is not null && _holders.Remove(context))
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
