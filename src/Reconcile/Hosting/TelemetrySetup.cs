using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Reconcile.Reporting;
using OpenTelemetry.Trace;

namespace Reconcile.Hosting;

/// <summary>
/// OpenTelemetry tracing and metrics: Reconcile's own spans and instruments (<see cref="ReconcileMetrics"/>) (<see cref="ReconcileTracing"/>), incoming HTTP requests
/// and outgoing HTTP calls. Exported over OTLP only when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set; the other standard variables (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>_HEADERS</c>,
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>) work as the OpenTelemetry specification says.
/// Serilog stamps every log event with the current trace and span id, so logs and traces join up.
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string DefaultServiceName = "reconcile";

    /// <summary>The .NET runtime's built-in meter (<c>dotnet.gc.*</c>, <c>dotnet.thread_pool.*</c>, …), exported beside Reconcile's own.</summary>
    public const string RuntimeMeter = "System.Runtime";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var exportOtlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        builder.Services.AddSingleton<ReconcileMetrics>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ReconcileTracing.SourceName)
                    // Probes every few seconds would be most of the traces and say nothing.
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments(HealthSetup.Route))
                    .AddHttpClientInstrumentation();
                if (exportOtlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                // Reconcile's own instruments, served at /metrics in Prometheus format (PrometheusEndpoint).
                metrics.AddMeter(ReconcileMetrics.MeterName).AddPrometheusExporter(PrometheusEndpoint.Configure);
                // The runtime's own instruments: GC pauses and collections per generation, the thread pool's queue,
                // what an operator looks at first when a click or a webhook is slow while a run works.
                metrics.AddMeter(RuntimeMeter);
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return builder;
    }
}
