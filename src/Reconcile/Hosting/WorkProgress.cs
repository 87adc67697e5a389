namespace Reconcile.Hosting;

/// <summary>
/// How far a long piece of work has got: <paramref name="Done"/> of <paramref name="Total"/> units
/// (records, rows or orders, as the reporter says). Reported through <see cref="IProgress{T}"/> so the
/// service code knows nothing of terminals; the command line draws it.
/// </summary>
public readonly record struct WorkProgress(long Done, long Total);
