using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reporting;

/// <summary>
/// The class fixture of <see cref="FiguresTests"/> and <see cref="ExportTests"/> (one each): a host configured by <see cref="FiguresDataSet.Settings"/>, holding
/// <see cref="FiguresDataSet"/>'s week once. Their tests only read figures and exports, so the data set is seeded on first need and
/// shared; none moves the clock.
/// </summary>
public sealed class FiguresHost() : ReconcileFactory(FiguresDataSet.Settings())
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, Reconcile.Data.Entities.ExceptionEntity>? _seeded;

    /// <summary>Seeds <see cref="FiguresDataSet"/> unless an earlier test already did; returns its exceptions by key (E1…).</summary>
    public async Task<Dictionary<string, Reconcile.Data.Entities.ExceptionEntity>> EnsureSeededAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _seeded ??= await FiguresDataSet.SeedAsync(this);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}
