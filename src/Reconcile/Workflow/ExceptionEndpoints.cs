using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Reconcile.Api;
using Reconcile.Auditing;
using Reconcile.Data;
using Reconcile.Engine.Exceptions;
using Reconcile.Engine.Findings;

namespace Reconcile.Workflow;

/// <summary>GET /api/exceptions (filtered, paged), /api/exceptions/{id} and its audit trail.</summary>
public static class ExceptionEndpoints
{
    private static readonly string[] States = [.. Enum.GetValues<ExceptionState>().Select(s => s.ToWireName())];

    public static WebApplication MapExceptions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var exceptions = app.MapGroup("/api/exceptions").RequireToken(ApiPolicies.Reader);
        exceptions.MapGet("/", ListAsync);
        exceptions.MapGet("/{id:long}", GetAsync);
        exceptions.MapGet("/{id:long}/audit", AuditAsync);
        return app;
    }

    private static async Task<Results<Ok<PagedList<ExceptionView>>, ProblemHttpResult>> ListAsync(
        string? flow, string? state, string? type, string? orderId, string? owner, int? page, int? pageSize,
        ReconcileDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (state is not null && !States.Contains(state))
        {
            return ApiProblems.BadRequest($"state must be one of {string.Join(", ", States)}.");
        }

        if (type is not null && !FindingType.All.Contains(type))
        {
            return ApiProblems.BadRequest($"type must be one of {string.Join(", ", FindingType.All)}.");
        }

        var paging = Paging.From(page, pageSize);
        if (paging.Problem is not null)
        {
            return paging.Problem;
        }

        ExceptionState? wanted = state is null ? null : WireNames.ParseState(state);
        var query = db.Exceptions.AsNoTracking()
            .Where(e => (flow == null || e.Flow == flow) && (wanted == null || e.State == wanted) && (type == null || e.Type == type)
                && (orderId == null || e.OrderId == orderId) && (owner == null || e.Owner == owner));
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new PagedList<ExceptionView>([.. rows.Select(r => ExceptionView.From(r, now))], paging.Page, paging.Size, total));
    }

    private static async Task<Results<Ok<ExceptionView>, ProblemHttpResult>> GetAsync(long id, ReconcileDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var row = await db.Exceptions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (row is null)
        {
            return ApiProblems.NotFound($"There is no exception {id}.");
        }

        var audit = await AuditOf(db, id, cancellationToken);
        return TypedResults.Ok(ExceptionView.From(row, time.GetUtcNow(), audit));
    }

    private static async Task<Results<Ok<PagedList<AuditEventView>>, ProblemHttpResult>> AuditAsync(long id, ReconcileDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Exceptions.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound($"There is no exception {id}.");
        }

        var audit = await AuditOf(db, id, cancellationToken);
        return TypedResults.Ok(new PagedList<AuditEventView>(audit, 1, audit.Count, audit.Count));
    }

    private static async Task<List<AuditEventView>> AuditOf(ReconcileDbContext db, long id, CancellationToken cancellationToken) =>
        [.. (await db.AuditEvents.AsNoTracking().Where(a => a.ExceptionId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken)).Select(AuditEventView.From)];
}
