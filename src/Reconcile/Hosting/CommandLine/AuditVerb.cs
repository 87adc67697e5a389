using System.CommandLine;
using Reconcile.Auditing;

namespace Reconcile.Hosting.CommandLine;

internal static class AuditVerb
{
    public const int BrokenChainExitCode = 3;

    public static Command Create(WebApplication app)
    {
        var verify = new Command("verify", "Walk the hash chain of the audit log; exit 3 naming the first bad event.");
        verify.SetAction(async (_, cancellationToken) =>
        {
            await CommandLineSetup.PrepareAsync(app, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
            if (result.Intact)
            {
                Terminal.Out.WriteLine($"Audit chain intact: {result.Checked} event(s) verified.");
                return 0;
            }

            Terminal.Error.WriteLine($"Audit chain BROKEN at event {result.FirstBadId}: {result.Problem} ({result.Checked} event(s) before it verified).");
            return BrokenChainExitCode;
        });

        var audit = new Command("audit", "Audit log tools.");
        audit.Subcommands.Add(verify);
        return audit;
    }
}
