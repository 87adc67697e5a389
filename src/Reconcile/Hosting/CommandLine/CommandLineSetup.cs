using System.CommandLine;
using Microsoft.Extensions.Options;
using Reconcile.Data;

namespace Reconcile.Hosting.CommandLine;

/// <summary>
/// The verbs the README lists, in the same binary. No verb serves. Every verb validates the configuration
/// first, exactly as serving does, so a bad key stops `run` as surely as it stops the service.
/// </summary>
public static class CommandLineSetup
{
    private static readonly HashSet<string> HelpTokens = ["--help", "-h", "-?", "help", "--version"];

    /// <summary>The verbs, in the order `--help` lists them.</summary>
    private static readonly IReadOnlyList<Func<WebApplication, Command>> Verbs =
    [
        MigrateVerb.Create,
        DemoVerb.Create,
        SimulateVerb.Create,
        RunVerb.Create,
        ImportVerb.Create,
        PullVerb.Create,
        AuditVerb.Create,
        DigestVerb.Create,
        ExportVerb.Create,
    ];

    private static readonly HashSet<string> VerbNames = ["migrate", "demo", "simulate", "run", "import", "pull", "audit", "digest", "export"];

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (VerbNames.Contains(args[0]) || HelpTokens.Contains(args[0]));

    /// <summary>Host options: a verb's own arguments are not host settings.</summary>
    public static WebApplicationOptions HostOptions(string[] args) => new()
    {
        Args = IsVerb(args) ? [] : args,
        // Run from elsewhere than the project folder, appsettings.json is found beside the binary.
        ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
    };

    /// <summary>Settings a verb needs before the host is built (the demo's own database file).</summary>
    public static IHostApplicationBuilder ConfigureForVerb(this IHostApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (args.Length > 0 && args[0] == "demo")
        {
            DemoVerb.Configure(builder);
        }

        return builder;
    }

    /// <summary>How long a stopped bulk load may take to commit and build its indexes (about 17 s at a million orders) before the process ends anyway.</summary>
    public static readonly TimeSpan LoadStopTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The exit code of a verb stopped by a signal: 128 + SIGINT, as a shell reports a process Ctrl+C ended.</summary>
    public const int StoppedExitCode = 130;

    public static async Task<int> RunCommandLineAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            if (!IsVerb(args))
            {
                app.Services.GetRequiredService<IStartupValidator>().Validate();
                await app.RunAsync();
                return 0;
            }

            var root = new RootCommand("Reconcile: order reconciliation across shop, CRM and billing, run from Slack. With no verb it serves.");
            foreach (var verb in Verbs)
            {
                root.Subcommands.Add(verb(app));
            }

            // Configuration failures must reach the handler below, not System.CommandLine's generic one. A bulk load
            // stopped by Ctrl+C or SIGTERM is let finish its batch, commit and build the indexes it set aside; every
            // other verb still stops at once.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = args[0] is "simulate" or "import" ? LoadStopTimeout : null,
            });
        }
        catch (Exception exception) when (StartupFailure.IsConfigurationFailure(exception))
        {
            return StartupFailure.Report(exception);
        }
        catch (OperationCanceledException) when (IsVerb(args))
        {
            // Ctrl+C or SIGTERM: what the verb had committed stays (a bulk load's stored batches, its indexes built again).
            Terminal.Error.WriteLine($"{args[0]} stopped: what it had stored is kept; running it again with the same input stores the rest.");
            return StoppedExitCode;
        }
        catch (Exception exception) when (IsVerb(args) && exception is not OperationCanceledException)
        {
            // A verb fails with one readable line; the stack trace goes to the log for whoever debugs it.
            app.Logger.LogError(exception, "{Verb} failed", args[0]);
            Terminal.Error.WriteLine($"{args[0]} failed: {exception.Message}");
            return 1;
        }
    }

    /// <summary>What every verb does first: validate the configuration, then bring the schema up to date.</summary>
    internal static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
    }
}
