using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Automation;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Tests.Data.Postgres;
using Reconcile.Tests.Infrastructure;
using Reconcile.Topology;

namespace Reconcile.Tests.Automation;

/// <summary>"Once per occurrence" is the database's rule, not one process's: a second claim of the same exception and mode is refused by a unique index.</summary>
public sealed class AutomationClaimTests
{
    [Fact]
    public async Task A_second_claim_of_the_same_occurrence_is_refused_by_sqlite()
    {
        using var factory = ReconcileFactory.With(new Dictionary<string, string?>());
        await AssertSecondClaimRefusedAsync(factory);
    }

    [SkippableFact]
    public async Task A_second_claim_of_the_same_occurrence_is_refused_by_postgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = ReconcileFactory.With(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = database.ConnectionString, ["Scheduling:Clustered"] = "false",
        });
        await AssertSecondClaimRefusedAsync(factory);
    }

    [Fact]
    public void The_breaker_judges_only_the_last_min_attempts_and_trips_above_the_rate()
    {
        var options = new AutomationOptions { MinAttempts = 3, MaxFailureRate = 0.5 };
        const string F = AutomationAttemptStatus.Failed, V = AutomationAttemptStatus.Verified;

        Assert.Null(AutomationBreaker.Judge("f", [F, F], options));            // too few to judge
        Assert.Null(AutomationBreaker.Judge("f", [V, F, V, F, F, F], options)); // newest three: 1 of 3 failed
        var tripped = AutomationBreaker.Judge("f", [F, V, F, V], options);    // newest three: 2 of 3 failed
        Assert.Equal((3, 2), (tripped!.Attempts, tripped.Failures));
        Assert.Null(AutomationBreaker.Judge("f", [F, V, V], new AutomationOptions { MinAttempts = 3, MaxFailureRate = 1.0 / 3 })); // at the limit is not above it
    }

    private static async Task AssertSecondClaimRefusedAsync(ReconcileFactory factory)
    {
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            db.AutomationAttempts.Add(Claim(AutomationAttemptStatus.LiveMode));
            db.AutomationAttempts.Add(Claim(AutomationAttemptStatus.ShadowMode)); // Shadow's record does not use up Live's attempt
            await db.SaveChangesAsync();
        }

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            db.AutomationAttempts.Add(Claim(AutomationAttemptStatus.LiveMode));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        using (var scope = factory.Services.CreateScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<ReconcileDbContext>().AutomationAttempts.CountAsync());
        }
    }

    private static AutomationAttemptEntity Claim(string mode) => new()
    {
        ExceptionId = 42, Flow = "promo-to-billing", Rule = "missing_in_target/crm", Mode = mode, Status = AutomationAttemptStatus.Replaying,
        StartedAt = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
    };
}
