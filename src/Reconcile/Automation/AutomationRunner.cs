using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Topology;

namespace Reconcile.Automation;

/// <summary>
/// System-led execution of one committed run, outside its transaction. Each exception the run raised or updated
/// that matches a rule is claimed once per occurrence (a unique row in <c>automation_attempts</c>, so on every
/// replica): Shadow records "would_replay" and writes nothing; Live replays it through the Replay button's path as
/// <c>system:auto</c>, pages the owner only if it does not verify, and feeds the flow's breaker.
/// </summary>
public sealed class AutomationRunner(
    ReconcileDbContext db, FlowCatalog flows, ExceptionTransitions transitions, AutomationSwitch automationSwitch, AutomationAttempt attempt,
    HeldExceptions heldExceptions, ILogger<AutomationRunner> logger)
{
    /// <summary>Automation of run <paramref name="runId"/> of <paramref name="flow"/>; a run not completed, or a flow with automation Off, is left alone.</summary>
    public async Task ProcessAsync(string flow, long runId, CancellationToken cancellationToken)
    {
        if (!flows.Exists(flow) || flows.Options(flow).Automation is not { Mode: not AutomationOptions.Off } options)
        {
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Flow"] = flow, ["RunId"] = runId });
        await attempt.SettleAsync(flow, cancellationToken);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.Status == RunStatus.Completed, cancellationToken);
        if (run is null)
        {
            return;
        }

        if (run.CircuitBreakerTripped)
        {
            // Nothing of this run was held back (its exceptions went into the flow's one alert): switch off, try nothing.
            if (options.Mode == AutomationOptions.Live)
            {
                var rate = run.OrdersExamined == 0 ? 0 : 1 - ((double)run.OrdersMatched / run.OrdersExamined);
                var figures = new AutomationBreakerFigures(flow, 0, 0, options.MaxFailureRate, run.Id, rate, flows.Options(flow).MaxExceptionRate);
                await automationSwitch.SetAsync(flow, false, WorkflowActors.Auto, string.Create(CultureInfo.InvariantCulture,
                    $"run {run.Id} tripped the flow's circuit breaker: {rate:P1} of {run.OrdersExamined:N0} orders have findings (limit {figures.MaxExceptionRate:P0})"), figures, cancellationToken);
            }

            return;
        }

        var mode = options.Mode == AutomationOptions.Live ? AutomationAttemptStatus.LiveMode : AutomationAttemptStatus.ShadowMode;
        var candidates = await CandidatesAsync(flow, run.Id, mode, options, cancellationToken);
        var held = await heldExceptions.OfAsync(run, options, cancellationToken);
        var tried = 0;
        foreach (var (exception, rule) in candidates)
        {
            if (tried >= options.MaxPerRun || !await automationSwitch.IsOnAsync(flow, cancellationToken))
            {
                await heldExceptions.PageIfHeldAsync(exception, held, null, cancellationToken);
                continue;
            }

            if (exception.PreviousExceptionId is { } previous && await ReplayedByAutomationAsync(previous, cancellationToken))
            {
                // Never a loop: an order that came back after an automatic replay is a person's to look at.
                await heldExceptions.PageIfHeldAsync(exception, held, $"Automation replayed this order's previous exception ({previous}) and it came back, so it is left to a person.", cancellationToken);
                continue;
            }

            if (mode == AutomationAttemptStatus.ShadowMode)
            {
                tried += await RecordWouldReplayAsync(exception, rule, run.Id, cancellationToken) ? 1 : 0;
                continue;
            }

            if (await attempt.TryAsync(exception, rule, run.Id, cancellationToken) is not { } outcome)
            {
                continue;
            }

            tried++;
            if (outcome == AutomationAttemptStatus.Failed)
            {
                await heldExceptions.PageIfHeldAsync(exception, held, null, cancellationToken);
            }

            await JudgeAsync(flow, options, cancellationToken);
        }
    }

    /// <summary>The run's unresolved exceptions that match a rule and were not yet claimed in this mode, oldest first.</summary>
    private async Task<List<(ExceptionEntity Exception, AutomationRuleOptions Rule)>> CandidatesAsync(
        string flow, long runId, string mode, AutomationOptions options, CancellationToken cancellationToken)
    {
        var rows = await db.Exceptions.AsNoTracking()
            .Where(e => e.Flow == flow && e.RunId == runId && (e.State == ExceptionState.Open || e.State == ExceptionState.Escalated))
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var matched = rows.Select(e => (Exception: e, Rule: AutomationCandidates.RuleFor(e, options))).Where(m => m.Rule is not null).ToList();
        var claimed = new HashSet<long>();
        foreach (var chunk in matched.Select(m => m.Exception.Id).Chunk(500))
        {
            claimed.UnionWith(await db.AutomationAttempts.AsNoTracking().Where(a => a.Mode == mode && chunk.Contains(a.ExceptionId))
                .Select(a => a.ExceptionId).ToListAsync(cancellationToken));
        }

        return [.. matched.Where(m => !claimed.Contains(m.Exception.Id)).Select(m => (m.Exception, m.Rule!))];
    }

    private async Task<bool> ReplayedByAutomationAsync(long previousId, CancellationToken cancellationToken) =>
        await db.Exceptions.AsNoTracking().AnyAsync(e => e.Id == previousId && e.ResolvedBy == WorkflowActors.Auto, cancellationToken);

    private async Task<bool> RecordWouldReplayAsync(ExceptionEntity exception, AutomationRuleOptions rule, long runId, CancellationToken cancellationToken)
    {
        var now = attempt.Now;
        db.AutomationAttempts.Add(new AutomationAttemptEntity
        {
            ExceptionId = exception.Id, Flow = exception.Flow, Rule = rule.Name, Mode = AutomationAttemptStatus.ShadowMode,
            Status = AutomationAttemptStatus.WouldReplay, RunId = runId, StartedAt = now, EndedAt = now,
        });
        transitions.RecordWouldReplay(db, exception, rule.Name, runId);
        return await SaveAsync(cancellationToken);
    }

    /// <summary>After each finished Live attempt: the breaker judges the flow's recent attempts since automation was last switched on.</summary>
    private async Task JudgeAsync(string flow, AutomationOptions options, CancellationToken cancellationToken)
    {
        var since = (await automationSwitch.StateAsync(flow, cancellationToken))?.ChangedAt;
        var recent = await db.AutomationAttempts.AsNoTracking()
            .Where(a => a.Flow == flow && a.Mode == AutomationAttemptStatus.LiveMode && (since == null || a.StartedAt >= since)
                && (a.Status == AutomationAttemptStatus.Verified || a.Status == AutomationAttemptStatus.Failed))
            .OrderByDescending(a => a.Id).Take(options.MinAttempts).Select(a => a.Status).ToListAsync(cancellationToken);
        if (AutomationBreaker.Judge(flow, recent, options) is { } figures)
        {
            await automationSwitch.SetAsync(flow, false, WorkflowActors.Auto, string.Create(CultureInfo.InvariantCulture,
                $"{figures.Failures} of the last {figures.Attempts} automatic replays failed ({figures.FailureRate:P0}, limit {figures.MaxFailureRate:P0})"), figures, cancellationToken);
        }
    }

    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another replica claimed it (or a person acted) first: theirs stands.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
