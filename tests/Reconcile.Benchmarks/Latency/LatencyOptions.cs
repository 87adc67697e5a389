using System.Globalization;

namespace Reconcile.Benchmarks.Latency;

/// <summary>
/// The latency modes' arguments: <c>latency webhook|click [--rate N] [--seconds S] [--warmup S] [--orders N]
/// [--button details|approve|escalate]</c>. Defaults: webhook 300/s for 60 s on an empty store; click 200/s for 30 s over
/// 100,000 simulated orders, clicking Details.
/// </summary>
internal sealed record LatencyOptions(string Kind, int Rate, int Seconds, int WarmupSeconds, int Orders, string Button)
{
    /// <summary>A request unanswered after this long counts as an error (Slack itself gives up on a click after 3 s).</summary>
    public TimeSpan Timeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads the arguments after <c>latency</c>; throws <see cref="ArgumentException"/> naming a bad one.</summary>
    public static LatencyOptions Parse(string[] args)
    {
        var kind = args.Length > 1 ? args[1] : "";
        if (kind is not ("webhook" or "click"))
        {
            throw new ArgumentException("usage: latency webhook|click [--rate N] [--seconds S] [--warmup S] [--orders N] [--button details|approve|escalate]");
        }

        var webhook = kind == "webhook";
        var button = Text(args, "--button") ?? "details";
        if (button is not ("details" or "approve" or "escalate"))
        {
            throw new ArgumentException($"--button must be details, approve or escalate, not '{button}'");
        }

        return new LatencyOptions(kind, Number(args, "--rate", webhook ? 300 : 200), Number(args, "--seconds", webhook ? 60 : 30),
            Number(args, "--warmup", 15), Number(args, "--orders", webhook ? 0 : 100_000), button);
    }

    /// <summary>Prints the load average (1, 5, 15 min) and what else is busy, so a figure can be judged by its machine.</summary>
    public static void PrintLoad(TextWriter output, string when)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        output.WriteLine($"load average {when}: {load} ({Environment.ProcessorCount} cores)");
    }

    private static int Number(string[] args, string name, int fallback)
    {
        var value = Text(args, name);
        return value is null ? fallback
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || name is "--warmup" or "--orders") ? n
            : throw new ArgumentException($"{name} must be a whole number{(name is "--warmup" or "--orders" ? "" : " above 0")}, not '{value}'");
    }

    private static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
