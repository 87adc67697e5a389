using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Reconcile.Hosting;

public static class LoggingSetup
{
    private const string HumanTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Serilog: readable console in Development, compact JSON elsewhere. Command-line verbs log
    /// warnings only, to stderr, so their stdout stays the verb's own output. The logger belongs to this host
    /// (the static <c>Log.Logger</c> is left alone), so two hosts in one process never write through each other's.
    /// </summary>
    public static IHostApplicationBuilder AddReconcileLogging(this IHostApplicationBuilder builder, bool commandLineVerb)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.MinimumLevel.Is(commandLineVerb ? LogEventLevel.Warning : LogEventLevel.Information)
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", commandLineVerb ? LogEventLevel.Warning : LogEventLevel.Information)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
                .ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.With<SecretRedactingEnricher>()
                .Destructure.With<SecretRedactionPolicy>();

            if (commandLineVerb)
            {
                logger.WriteTo.Console(outputTemplate: HumanTemplate, formatProvider: CultureInfo.InvariantCulture, standardErrorFromLevel: LogEventLevel.Verbose);
            }
            else if (development)
            {
                logger.WriteTo.Console(outputTemplate: HumanTemplate, formatProvider: CultureInfo.InvariantCulture);
            }
            else
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        }, preserveStaticLogger: true);
        return builder;
    }

    public static WebApplication UseReconcileRequestLogging(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSerilogRequestLogging(options =>
        {
            // Health probes every few seconds would drown the request log.
            options.GetLevel = (context, _, exception) => exception is not null || context.Response.StatusCode >= 500
                ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments(HealthSetup.Route) ? LogEventLevel.Verbose : LogEventLevel.Information;
        });
        return app;
    }
}
