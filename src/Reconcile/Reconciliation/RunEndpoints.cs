using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Ingest;

namespace Reconcile.Reconciliation;

/// <summary>POST /api/flows/{flow}/runs starts a run now; GET /api/runs/{id} reports it.</summary>
public static class RunEndpoints
{
    public static WebApplication MapRuns(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/flows/{flow}/runs", StartAsync);
        app.MapGet("/api/runs/{id:long}", GetAsync);
        app.MapGet("/api/runs", ListAsync);
        return app;
    }

    private static async Task<IResult> StartAsync(
        string flow, bool? full, HttpRequest request, ApiAccess access, FlowCatalog flows, ReconciliationRunner runner, CancellationToken cancellationToken)
    {
        if (!access.IsAdmin(request))
        {
            return ApiProblems.Unauthorized("Starting a run needs the admin token.");
        }

        if (!flows.Exists(flow))
        {
            return ApiProblems.NotFound($"'{flow}' is not a configured flow{TopologyOptionsValidator.Known(flows.Names)}.");
        }

        var run = await runner.StartAsync(flow, full ?? false, "api", cancellationToken);
        if (run is null)
        {
            return ApiProblems.Conflict($"A run of '{flow}' is already in progress; try again when it ends.");
        }

        return Results.Accepted($"/api/runs/{run.Id}", RunView.From(run));
    }

    private static async Task<IResult> GetAsync(long id, HttpRequest request, ApiAccess access, ReconcileDbContext db, CancellationToken cancellationToken)
    {
        if (!access.MayRead(request))
        {
            return ApiProblems.Unauthorized();
        }

        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return run is null ? ApiProblems.NotFound($"There is no run {id}.") : Results.Ok(RunView.From(run));
    }

    private static async Task<IResult> ListAsync(
        string? flow, int? page, int? pageSize, HttpRequest request, ApiAccess access, ReconcileDbContext db, CancellationToken cancellationToken)
    {
        if (!access.MayRead(request))
        {
            return ApiProblems.Unauthorized();
        }

        var paging = Paging.From(page, pageSize);
        if (paging.Problem is not null)
        {
            return paging.Problem;
        }

        var query = db.Runs.AsNoTracking().Where(r => flow == null || r.Flow == flow);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        return Results.Ok(new PagedList<RunView>([.. rows.Select(RunView.From)], paging.Page, paging.Size, total));
    }
}
