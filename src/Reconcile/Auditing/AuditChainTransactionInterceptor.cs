using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Reconcile.Auditing;

/// <summary>When audit events were saved inside the caller's own transaction, the chain lock ends with it.</summary>
public sealed class AuditChainTransactionInterceptor(AuditChainLock chainLock) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        chainLock.Release(eventData?.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        chainLock.Release(eventData?.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        chainLock.Release(eventData?.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        chainLock.Release(eventData?.Context);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        chainLock.Release(eventData?.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        chainLock.Release(eventData?.Context);
        return Task.CompletedTask;
    }
}
