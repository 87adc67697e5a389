using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Reconcile.Api;
using Reconcile.Data;
using Reconcile.Topology;

namespace Reconcile.Reconciliation;

/// <summary>POST /api/flows/{flow}/runs starts a run now; GET /api/runs/{id} reports it.</summary>
public static class RunEndpoints
{
    public static WebApplication MapRuns(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/flows/{flow}/runs", StartAsync).RequireToken(ApiPolicies.Admin, "Starting a run needs the admin token.");
        var runs = app.MapGroup("/api/runs").RequireToken(ApiPolicies.Reader);
        runs.MapGet("/{id:long}", GetAsync);
        runs.MapGet("/", ListAsync);
        return app;
    }

    private static async Task<Results<Accepted<RunView>, ProblemHttpResult>> StartAsync(
        string flow, bool? full, FlowCatalog flows, ReconciliationRunner runner, CancellationToken cancellationToken)
    {
        if (!flows.Exists(flow))
        {
            return ApiProblems.NotFound($"'{flow}' is not a configured flow{TopologyOptionsValidator.Known(flows.Names)}.");
        }

        var run = await runner.StartAsync(flow, full ?? false, "api", cancellationToken);
        if (run is null)
        {
            return ApiProblems.Conflict($"A run of '{flow}' is already in progress; try again when it ends.");
        }

        return TypedResults.Accepted($"/api/runs/{run.Id}", RunView.From(run));
    }

    private static async Task<Results<Ok<RunView>, ProblemHttpResult>> GetAsync(long id, ReconcileDbContext db, CancellationToken cancellationToken)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return run is null ? ApiProblems.NotFound($"There is no run {id}.") : TypedResults.Ok(RunView.From(run));
    }

    private static async Task<Results<Ok<PagedList<RunView>>, ProblemHttpResult>> ListAsync(
        string? flow, int? page, int? pageSize, ReconcileDbContext db, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        if (paging.Problem is not null)
        {
            return paging.Problem;
        }

        var query = db.Runs.AsNoTracking().Where(r => flow == null || r.Flow == flow);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<RunView>([.. rows.Select(RunView.From)], paging.Page, paging.Size, total));
    }
}
