using System.Globalization;
using Reconcile.Hosting;
using Reconcile.Slack;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Reconcile.Tests.Hosting;

public sealed class SecretRedactionTests
{
    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private static string Log(Action<ILogger> write)
    {
        var sink = new CollectingSink();
        using var logger = new LoggerConfiguration()
            .Enrich.With<SecretRedactingEnricher>()
            .Destructure.With<SecretRedactionPolicy>()
            .WriteTo.Sink(sink)
            .CreateLogger();
        write(logger);
        return string.Join('\n', sink.Events.Select(e =>
            e.RenderMessage(CultureInfo.InvariantCulture) + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}"))));
    }

    [Fact]
    public void Destructured_options_never_show_the_bot_token_or_signing_secret()
    {
        var options = new SlackOptions { BotToken = "xoxb-1111-secret", SigningSecret = "shh-signing", DigestChannel = "C0DIGEST" };

        var text = Log(l => l.Information("Slack options {@Options}", options));

        Assert.DoesNotContain("xoxb-1111-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("shh-signing", text, StringComparison.Ordinal);
        Assert.Contains("C0DIGEST", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_named_like_a_secret_or_a_token_inside_text_is_masked()
    {
        var text = Log(l => l.Information("Calling with {AdminToken} for {Detail}", "admin-123", "header was Bearer abc.def and token xoxb-22-33"));

        Assert.DoesNotContain("admin-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc.def", text, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-22-33", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
    }
}
