using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Reconcile.Hosting;
using Reconcile.Reconciliation;
using Reconcile.Simulation;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack;
using Reconcile.Tests.Slack.Fakes;

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

    [Fact]
    public async Task A_slack_web_api_call_is_a_span_with_its_method_channel_and_message_ts_around_its_http_request()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = new TracedFactory(new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = fake.BaseUrl,
            ["Slack:BotToken"] = TestSecrets.BotToken,
            ["Slack:SigningSecret"] = TestSecrets.SigningSecret,
            ["Slack:OutboxPollInterval"] = "00:00:00.200",
        });

        await SlackTestHost.OpenAsync(factory, TestExceptions.Open("1042"));
        var post = Assert.Single(await fake.WaitForAsync("chat.postMessage", 1));

        // This test's own HTTP call to its own fake (other tests run in parallel), then the Slack span around it.
        Activity? slack = null;
        for (var attempt = 0; attempt < 100 && slack is null; attempt++)
        {
            await Task.Delay(100);
            var spans = factory.Snapshot();
            var http = spans.FirstOrDefault(s => s.Kind == ActivityKind.Client
                && ((string?)s.GetTagItem("url.full"))?.StartsWith(fake.BaseUrl + "chat.postMessage", StringComparison.Ordinal) == true);
            slack = http is null ? null : spans.FirstOrDefault(s => s.SpanId == http.ParentSpanId);
        }

        Assert.NotNull(slack);
        Assert.Equal(ReconcileTracing.SlackApiPrefix + "chat.postMessage", slack.OperationName);
        Assert.Equal("chat.postMessage", slack.GetTagItem(ReconcileTracing.SlackMethod));
        Assert.Equal("C0CRM", slack.GetTagItem(ReconcileTracing.SlackChannel));
        Assert.Equal(post.AnsweredTs, slack.GetTagItem(ReconcileTracing.SlackMessageTs));
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
    private sealed class TracedFactory(IDictionary<string, string?>? settings = null) : ReconcileFactory(settings)
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
