using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Engine.Findings;
using Reconcile.Lifecycle;
using Reconcile.Reconciliation;
using Reconcile.Topology;
using Reconcile.Workflow;

namespace Reconcile.Hosting.CommandLine;

/// <summary>The demo's owners at work: one Replay and one Approve, through the same services the Slack buttons call.</summary>
internal static class DemoDecisions
{
    public static async Task ShowAsync(WebApplication app, TextWriter output, IReadOnlyList<ExceptionEntity> exceptions, CancellationToken cancellationToken)
    {
        var replayable = exceptions.FirstOrDefault(e => e.Type == FindingType.FieldMismatch) ?? exceptions.FirstOrDefault(e => e.Type == FindingType.PartialSync);
        var approvable = exceptions.FirstOrDefault(e => e.Type == FindingType.Duplicate && e.Id != replayable?.Id)
            ?? exceptions.FirstOrDefault(e => e.Id != replayable?.Id);
        output.WriteLine("6. Owners at work (the same services the Approve and Replay buttons call):");
        if (replayable is not null)
        {
            await ReplayAsync(app, replayable, cancellationToken);
            await DescribeAsync(app, output, replayable.Id, "Replay", cancellationToken);
        }

        if (approvable is not null)
        {
            await ApproveAsync(app, approvable, cancellationToken);
            await DescribeAsync(app, output, approvable.Id, "Approve", cancellationToken);
        }

        output.WriteLine();
    }

    private static string MemberOf(WebApplication app, string owner) =>
        app.Services.GetRequiredService<IOptions<TopologyOptions>>().Value.Owners[owner].Members.FirstOrDefault() ?? "U0ADMIN";

    private static async Task ReplayAsync(WebApplication app, ExceptionEntity exception, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var reply = new ReplyTo(MemberOf(app, exception.Owner), null, null);
        if (await scope.ServiceProvider.GetRequiredService<ReplayStart>().StartAsync(exception.Id, reply, cancellationToken) is { } request)
        {
            await scope.ServiceProvider.GetRequiredService<ReplayExecutor>().RunAsync(request, cancellationToken);
        }
    }

    private static async Task ApproveAsync(WebApplication app, ExceptionEntity exception, CancellationToken cancellationToken)
    {
        var user = MemberOf(app, exception.Owner);
        await using var scope = app.Services.CreateAsyncScope();
        var transitions = scope.ServiceProvider.GetRequiredService<ExceptionTransitions>();
        await scope.ServiceProvider.GetRequiredService<ExceptionDecision>().DecideAsync(exception.Id, WorkflowAction.Approve, new ReplyTo(user, null, null), null,
            (db, row) =>
            {
                transitions.Approve(db, row, user, "Second invoice was voided in billing by hand", "Voided the duplicate invoice and noted it on the order");
                return null;
            }, cancellationToken);
    }

    private static async Task DescribeAsync(WebApplication app, TextWriter output, long id, string action, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var row = await db.Exceptions.AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
        output.WriteLine($"   {action} on exception {id} ({row.Type}, order {row.OrderId} in {row.System}): now {row.State.ToWireName()}{(row.Resolution is null ? "" : $" ({row.Resolution.Value.ToWireName()})")}. Audit trail:");
        foreach (var audit in await db.AuditEvents.AsNoTracking().Where(a => a.ExceptionId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken))
        {
            output.WriteLine($"     #{audit.Id} {audit.Actor,-14} {audit.Action,-15} {audit.FromState ?? "-"} → {audit.ToState ?? "-"}{(audit.Reason is null ? "" : $"  \"{audit.Reason}\"")}");
        }
    }
}
