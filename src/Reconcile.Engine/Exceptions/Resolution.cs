namespace Reconcile.Engine.Exceptions;

/// <summary>How a resolved exception was resolved; wire names via <see cref="WireNames"/>.</summary>
public enum Resolution
{
    Approved,
    Replayed,
    Auto,
}
