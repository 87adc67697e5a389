using System.Collections.Concurrent;
using System.Globalization;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace Reconcile.Tests.Infrastructure;

/// <summary>
/// A Serilog sink a host under test writes to when configured to (see <see cref="Settings"/>), so a test can read every
/// rendered line — after the service's own enrichers and redaction, exactly as an operator's log would get them.
/// </summary>
public static class CollectedLogs
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Lines = new(StringComparer.Ordinal);

    /// <summary>Configuration keys that send the host's log to the collection named <paramref name="key"/>.</summary>
    public static Dictionary<string, string?> Settings(string key) => new()
    {
        ["Serilog:Using:0"] = "Reconcile.Tests",
        ["Serilog:WriteTo:collected:Name"] = nameof(Collected),
        ["Serilog:WriteTo:collected:Args:key"] = key,
    };

    /// <summary>Every line written so far to <paramref name="key"/>: the rendered message, then each property.</summary>
    public static string Text(string key) => string.Join('\n', Lines.GetOrAdd(key, _ => new()));

    /// <summary>The collection's text once it holds <paramref name="expected"/>, or as it is after <paramref name="timeout"/>.</summary>
    public static async Task<string> WaitForAsync(string key, string expected, TimeSpan timeout)
    {
        var until = TimeProvider.System.GetUtcNow() + timeout;
        while (!Text(key).Contains(expected, StringComparison.Ordinal) && TimeProvider.System.GetUtcNow() < until)
        {
            await Task.Delay(50);
        }

        return Text(key);
    }

    /// <summary>The sink, found by Serilog's configuration reader by name.</summary>
    public static LoggerConfiguration Collected(this LoggerSinkConfiguration sinks, string key)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        return sinks.Sink(new Sink(Lines.GetOrAdd(key, _ => new())));
    }

    private sealed class Sink(ConcurrentQueue<string> lines) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => lines.Enqueue(
            logEvent.RenderMessage(CultureInfo.InvariantCulture) + " " + string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"))
            + (logEvent.Exception is null ? "" : " " + logEvent.Exception));
    }
}
