namespace Reconcile.Engine.Exceptions;

/// <summary>Exception states of DESIGN §5; wire names via <see cref="WireNames"/>.</summary>
public enum ExceptionState
{
    Open,
    Replaying,
    Escalated,
    Resolved,
}
