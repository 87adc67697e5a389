namespace Reconcile.Engine.Simulation;

/// <summary>The faults the simulator injects.</summary>
public enum FaultKind
{
    DroppedWebhook,
    MissingPromoTag,
    WrongPrice,
    PartialLineItems,
    SchemaDrift,
    UnknownSku,
    Duplicate,

    /// <summary>The source changed inside the lag window: the targets have not caught up, and that is fine.</summary>
    LateUpdate,
    RacingUpdate,
    OrphanInTarget,
    BusinessRule,
}
