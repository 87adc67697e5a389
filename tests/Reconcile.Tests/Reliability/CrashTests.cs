using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Reconcile.Tests.Slack.Fakes;
using Xunit.Abstractions;

namespace Reconcile.Tests.Reliability;

/// <summary>
/// SIGKILL to the service process mid-run and mid-delivery, then a restart on the same store: nothing
/// half-written survives, every exception is posted exactly once, and recovery takes seconds.
/// </summary>
[Collection(ServiceProcessTests.Name)]
public sealed partial class CrashTests(ITestOutputHelper output)
{
    private const int Orders = 2000;
    private const int Seed = 11;

    [Fact]
    public async Task A_kill_during_a_runs_writes_leaves_a_failed_run_no_unaudited_exception_an_intact_chain_and_the_next_run_finds_what_a_clean_run_finds()
    {
        var clean = new List<string>();
        TimeSpan cleanDuration;
        string cleanLog;
        await using (var baseline = await ReliabilityRig.CreateAsync(new Dictionary<string, string> { ["Slack__BotToken"] = "" }))
        {
            await baseline.SimulateAsync(Orders, Seed);
            await baseline.StartAsync();
            var clock = Stopwatch.StartNew();
            var run = await baseline.WaitForRunAsync(await baseline.StartRunAsync());
            cleanDuration = clock.Elapsed;
            Assert.Equal("completed", run.GetProperty("status").GetString());
            clean.AddRange(Findings(baseline));
            cleanLog = baseline.Log.ToString();
        }

        await using var rig = await ReliabilityRig.CreateAsync(new Dictionary<string, string> { ["Slack__BotToken"] = "" });
        await rig.SimulateAsync(Orders, Seed);
        await rig.StartAsync();
        var (id, killAfter, exceptionsAtKill) = await KillDuringWritesAsync(rig, WriteMs(cleanLog) ?? 200);
        await rig.StartAsync();

        Assert.Equal("failed", (await rig.RunAsync(id)).GetProperty("status").GetString());
        Assert.Equal(0, rig.Count("SELECT COUNT(*) FROM exceptions e WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.ExceptionId = e.Id)"));
        var verify = await rig.CliAsync("audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);
        var next = await rig.WaitForRunAsync(await rig.StartRunAsync());
        Assert.Equal("completed", next.GetProperty("status").GetString());
        Assert.Equal(clean, Findings(rig));
        rig.AssertNoSecretInLog();
        output.WriteLine($"clean run {cleanDuration.TotalSeconds:F1} s over {Orders} orders, {clean.Count} exceptions; killed {killAfter.TotalMilliseconds:F0} ms into run {id}'s writes (the clean run's write phase: {WritePhase(cleanLog)}) with {exceptionsAtKill} exceptions committed");
    }

    [Fact]
    public async Task A_kill_during_Slack_delivery_posts_every_exception_exactly_once_and_the_rest_within_seconds_of_the_restart()
    {
        await using var rig = await ReliabilityRig.CreateAsync();

        // Each post lands in the channel at once and is answered 300 ms later: a kill in between loses the answer.
        rig.Slack.Default("chat.postMessage", () => FakeReply.PostedThen(FakeReply.Slow(TimeSpan.FromMilliseconds(300))));
        await rig.SimulateAsync(400, Seed);
        await rig.StartAsync();
        Assert.Equal("completed", (await rig.WaitForRunAsync(await rig.StartRunAsync())).GetProperty("status").GetString());
        await WaitUntilAsync(() => rig.Slack.Received("chat.postMessage") >= 4, 60);
        rig.Kill();
        var heldAtKill = rig.Slack.Held().Count;
        var pendingAtKill = rig.Count("SELECT COUNT(*) FROM slack_outbox WHERE Status = 'pending'");

        var restart = Stopwatch.StartNew();
        await rig.StartAsync();
        var healthy = restart.Elapsed;
        await WaitUntilAsync(() => rig.Count("SELECT COUNT(*) FROM slack_outbox WHERE Status = 'pending'") == 0, 120);
        var recovered = restart.Elapsed;
        await Task.Delay(500);

        var delivery = Delivery.Of(rig);
        output.WriteLine($"kill mid-delivery: {heldAtKill} posted and {pendingAtKill} pending at the kill; {delivery}; healthy {healthy.TotalSeconds:F1} s and all delivered {recovered.TotalSeconds:F1} s after the restart");
        Assert.True(pendingAtKill > 0, "the kill came after delivery had finished");
        Assert.Equal((0, 0, 0), (delivery.Lost, delivery.Duplicated, delivery.WithoutTs));
        Assert.True(recovered - healthy < TimeSpan.FromSeconds(30), $"the last post came {(recovered - healthy).TotalSeconds:F1} s after the service was up");
        rig.AssertNoSecretInLog();
    }

    /// <summary>Halfway through the clean run's write phase, from the phase timings the runner logs.</summary>
    /// <summary>
    /// Starts a full run and kills the service part-way through its write phase: the kill waits for the run's own
    /// "is writing" log line, then half the clean run's write time. A run that committed before the kill (a fast
    /// machine) proves nothing, so the service restarts and another run is killed sooner, up to four times.
    /// </summary>
    private static async Task<(long Run, TimeSpan KillAfter, long ExceptionsAtKill)> KillDuringWritesAsync(ReliabilityRig rig, long cleanWriteMs)
    {
        var killAfter = TimeSpan.FromMilliseconds(cleanWriteMs / 2.0);
        for (var attempt = 1; ; attempt++)
        {
            var id = await rig.StartRunAsync();
            await WaitUntilAsync(() => LogHasLine(rig, $"Run {id} of ", " is writing: "), 120);
            await Task.Delay(killAfter);
            rig.Kill();
            if (rig.Count($"SELECT COUNT(*) FROM runs WHERE Id = {id} AND Status = 'running'") == 1 || attempt == 4)
            {
                Assert.Equal(1, rig.Count($"SELECT COUNT(*) FROM runs WHERE Id = {id} AND Status = 'running'"));
                return (id, killAfter, rig.Count("SELECT COUNT(*) FROM exceptions"));
            }

            await rig.StartAsync();
            killAfter /= 3;
        }
    }

    private static bool LogHasLine(ReliabilityRig rig, string run, string text)
    {
        string log;
        lock (rig.Log)
        {
            log = rig.Log.ToString();
        }

        return log.Split('\n').Any(line => line.Contains(run, StringComparison.Ordinal) && line.Contains(text, StringComparison.Ordinal));
    }

    private static long? WriteMs(string baseline) =>
        Phases().Match(baseline) is { Success: true } m ? long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : null;

    private static string WritePhase(string baseline) =>
        Phases().Match(baseline) is { Success: true } m ? $"{m.Groups[1].Value}–{long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)} ms" : "not logged";

    [GeneratedRegex("\"ReconcileMs\":(\\d+),\"WriteMs\":(\\d+)")]
    private static partial Regex Phases();

    private static List<string> Findings(ReliabilityRig rig) =>
        rig.Strings("SELECT OrderId || '|' || Type || '|' || System || '|' || COALESCE(Attribute, '') FROM exceptions ORDER BY 1");

    internal static async Task WaitUntilAsync(Func<bool> condition, int timeoutSeconds)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > timeoutSeconds)
            {
                throw new TimeoutException($"Condition not met within {timeoutSeconds} s.");
            }

            await Task.Delay(100);
        }
    }
}
