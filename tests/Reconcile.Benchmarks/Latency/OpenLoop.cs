using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Reconcile.Benchmarks.Latency;

/// <summary>
/// Sends requests on a fixed schedule — request i at start + i / rate — whether or not earlier ones have answered,
/// and measures each from its scheduled time, not from when it actually left. A server that stalls therefore
/// cannot slow the sender down and hide its own latency (the "coordinated omission" a closed loop suffers).
/// </summary>
internal sealed class OpenLoop(HttpClient client, int rate, TimeSpan timeout)
{
    /// <summary>
    /// Sends <paramref name="count"/> requests built by <paramref name="build"/> (given the request's index) and waits
    /// for every answer (or its <c>timeout</c>). <paramref name="sent"/> is called with each index as it is sent.
    /// </summary>
    public Task<LatencyResult> RunAsync(int count, Func<int, HttpRequestMessage> build, Action<int>? sent = null) =>
        // The schedule keeps a thread of its own, so a busy thread pool cannot delay a send.
        Task.Factory.StartNew(() => Schedule(count, build, sent), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>
    /// Warms the service up the way traffic reaches a service already running: a quarter of <paramref name="rate"/>,
    /// then half, then all of it, each for a third of <paramref name="seconds"/>, so the first seconds' compiling does
    /// not start the measurement with a queue. Returns how many requests were sent and the full-rate step's figures.
    /// </summary>
    public static async Task<(int Sent, LatencyResult Last)> RampAsync(HttpClient client, int rate, int seconds, TimeSpan timeout, Func<int, HttpRequestMessage> build)
    {
        var sent = 0;
        LatencyResult? last = null;
        foreach (var step in new[] { Math.Max(1, rate / 4), Math.Max(1, rate / 2), rate })
        {
            var count = Math.Max(1, step * seconds / 3);
            var offset = sent;
            last = await new OpenLoop(client, step, timeout).RunAsync(count, i => build(offset + i));
            sent += count;
        }

        return (sent, last!);
    }

    private async Task<LatencyResult> Schedule(int count, Func<int, HttpRequestMessage> build, Action<int>? sent)
    {
        var latencies = new double[count];
        var failed = new bool[count];
        var kinds = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var pending = new Task[count];
        var interval = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            WaitUntil(due);
            sent?.Invoke(i);
            pending[i] = SendAsync(i, due, build(i), latencies, failed, kinds);
        }

        await Task.WhenAll(pending);
        return new LatencyResult(count, failed.Count(f => f), latencies, kinds);
    }

    private async Task SendAsync(int index, long due, HttpRequestMessage request, double[] latencies, bool[] failed, ConcurrentDictionary<string, int> kinds)
    {
        string? error = null;
        using (request)
        {
            try
            {
                using var cancel = new CancellationTokenSource(timeout);
                using var response = await client.SendAsync(request, cancel.Token);
                await response.Content.LoadIntoBufferAsync(cancel.Token);
                if (!response.IsSuccessStatusCode)
                {
                    error = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or WebException)
            {
                error = e is OperationCanceledException ? "timeout" : e.GetType().Name;
            }
        }

        latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        if (error is not null)
        {
            failed[index] = true;
            kinds.AddOrUpdate(error, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Sleeps in 1 ms steps while the send time is far, then yields: a timer alone is ±15 ms on some systems.</summary>
    private static void WaitUntil(long due)
    {
        while (true)
        {
            var remaining = due - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > Stopwatch.Frequency / 500)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
