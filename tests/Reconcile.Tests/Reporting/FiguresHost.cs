using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reporting;

/// <summary>
/// The class fixture of <see cref="FiguresTests"/>: one host configured by <see cref="FiguresDataSet.Settings"/>, holding
/// <see cref="FiguresDataSet"/>'s week once. Its tests only read figures, so the data set is seeded on first need and
/// shared; none moves the clock.
/// </summary>
public sealed class FiguresHost() : ReconcileFactory(FiguresDataSet.Settings())
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _seeded;

    /// <summary>Seeds <see cref="FiguresDataSet"/> unless an earlier test already did.</summary>
    public async Task EnsureSeededAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_seeded)
            {
                await FiguresDataSet.SeedAsync(this);
                _seeded = true;
            }
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
