using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Api;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Topology;

namespace Reconcile.Ingest.Pull;

/// <summary>
/// <c>POST /api/systems/{system}/pulls</c> pulls now (admin; 202 with the pull, 404 unknown system, 422 no pull
/// configured, 409 while one runs); <c>GET /api/systems/{system}/pulls/{id}</c> reports it; <c>GET …/pulls</c> lists them.
/// </summary>
public static class PullEndpoints
{
    public static WebApplication MapPulls(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/systems/{system}/pulls", StartAsync).RequireToken(ApiPolicies.Admin, "Starting a pull needs the admin token.");
        var pulls = app.MapGroup("/api/systems/{system}/pulls").RequireToken(ApiPolicies.Reader);
        pulls.MapGet("/{id:long}", GetAsync);
        pulls.MapGet("/", ListAsync);
        return app;
    }

    private static async Task<Results<Accepted<PullView>, ProblemHttpResult>> StartAsync(
        string system, IOptionsMonitor<TopologyOptions> topology, PullRunner runner, CancellationToken cancellationToken)
    {
        var systems = topology.CurrentValue.Systems;
        if (!systems.ContainsKey(system))
        {
            return ApiProblems.NotFound($"'{system}' is not a configured system{TopologyOptionsValidator.Known(systems.Keys)}.");
        }

        if (PullRunner.NotPullable(topology.CurrentValue, system) is { } problem)
        {
            return TypedResults.Problem(title: "No pull configured", detail: problem, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var pull = await runner.StartAsync(system, PullTrigger.Api, cancellationToken);
        if (pull is null)
        {
            return ApiProblems.Conflict($"A pull of '{system}' is already in progress; try again when it ends.");
        }

        return TypedResults.Accepted($"/api/systems/{Uri.EscapeDataString(system)}/pulls/{pull.Id}", PullView.From(pull));
    }

    private static async Task<Results<Ok<PullView>, ProblemHttpResult>> GetAsync(string system, long id, ReconcileDbContext db, CancellationToken cancellationToken)
    {
        var pull = await db.Pulls.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.System == system, cancellationToken);
        return pull is null ? ApiProblems.NotFound($"There is no pull {id} of '{system}'.") : TypedResults.Ok(PullView.From(pull));
    }

    private static async Task<Results<Ok<PagedList<PullView>>, ProblemHttpResult>> ListAsync(
        string system, int? page, int? pageSize, ReconcileDbContext db, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        if (paging.Problem is not null)
        {
            return paging.Problem;
        }

        var query = db.Pulls.AsNoTracking().Where(p => p.System == system);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(p => p.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<PullView>([.. rows.Select(PullView.From)], paging.Page, paging.Size, total));
    }
}
