using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Reconcile.Hosting;
using Reconcile.Reconciliation;
using Reconcile.Simulation;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Hosting;

/// <summary>A run leaves one trace: the run span with its id and flow, and its phases as descendants.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task A_run_is_traced_with_its_id_and_its_load_engine_write_and_notification_phases()
    {
        using var factory = new TracedFactory();
        await factory.Services.GetRequiredService<SimulationLoader>().LoadAsync(300, 0.1, 5, CancellationToken.None);

        var triggeredBy = "tracing-" + Guid.NewGuid().ToString("N");
        var run = await factory.Services.GetRequiredService<ReconciliationRunner>().RunAsync("promo-to-billing", full: true, triggeredBy, CancellationToken.None);
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Assert.NotNull(run);
        var runId = run.Id.ToString(CultureInfo.InvariantCulture);
        // The ActivitySource is process-wide and other tests run in parallel: find this run's trace by who started it.
        var spans = factory.Snapshot();
        var root = Assert.Single(spans, s => s.OperationName == ReconcileTracing.Run && (string?)s.GetTagItem(ReconcileTracing.RunTriggeredBy) == triggeredBy);
        Assert.Equal(runId, root.GetTagItem(ReconcileTracing.RunId));
        Assert.Equal("promo-to-billing", root.GetTagItem(ReconcileTracing.Flow));
        Assert.Equal(run.OrdersExamined, root.GetTagItem(ReconcileTracing.OrdersExamined));
        var trace = spans.Where(s => s.TraceId == root.TraceId).ToList();
        foreach (var phase in new[] { ReconcileTracing.RunLoad, ReconcileTracing.RunEngine, ReconcileTracing.RunWrite, ReconcileTracing.RunNotifications })
        {
            var span = Assert.Single(trace, s => s.OperationName == phase);
            Assert.True(DescendsFrom(span, root, trace), $"{phase} is not inside the run span");
        }

        Assert.Equal(run.OrdersExamined, Assert.Single(trace, s => s.OperationName == ReconcileTracing.RunEngine).GetTagItem(ReconcileTracing.OrdersExamined));
    }

    private static bool DescendsFrom(Activity span, Activity root, List<Activity> trace)
    {
        for (var current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == root.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The normal host with an in-memory exporter added to its tracer provider.</summary>
    private sealed class TracedFactory : ReconcileFactory
    {
        private readonly List<Activity> _exported = [];

        /// <summary>A copy of what was exported; other tests' spans may still be arriving, so copying can race and is retried.</summary>
        public List<Activity> Snapshot()
        {
            while (true)
            {
                try
                {
                    return [.. _exported];
                }
                catch (ArgumentException)
                {
                }
                catch (InvalidOperationException)
                {
                }
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_exported)));
        }
    }
}
