namespace Reconcile.Engine.Exceptions;

/// <summary>Exception states; wire names via <see cref="WireNames"/>.</summary>
public enum ExceptionState
{
    Open,
    Replaying,
    Escalated,
    Resolved,
}
