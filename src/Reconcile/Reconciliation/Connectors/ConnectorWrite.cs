using Reconcile.Engine.Records;

namespace Reconcile.Reconciliation.Connectors;

/// <summary>
/// One replay write: the authoritative <see cref="Record"/> (under the target's external id when known), the canonical
/// <see cref="Fields"/> being replayed, whether the target lacks the order (<see cref="Create"/>), and the key the
/// target de-duplicates on.
/// </summary>
public sealed record ConnectorWrite(OrderRecord Record, IReadOnlyList<string> Fields, bool Create, string IdempotencyKey);
