using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Reconcile.Benchmarks.Latency;

/// <summary>
/// Keeps a full run of the flow in progress for as long as the clicks last: starts one through the API, polls
/// <c>GET /api/runs/{id}</c> every 100 ms, and starts the next as soon as it ends. Knows at every send whether a
/// run was in progress, so the report can say how many clicks really overlapped a run.
/// </summary>
internal sealed class RunKeeper(HttpClient client, string flow)
{
    private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private volatile bool _running;
    private int _overlapped;

    /// <summary>One line per run finished while keeping: id, status, orders compared, seconds.</summary>
    public List<string> Completed { get; } = [];

    public int Overlapped => _overlapped;

    public Task FirstStarted => _firstStarted.Task;

    /// <summary>Called by the sender as each click leaves.</summary>
    public void Sent(int index)
    {
        if (_running)
        {
            Interlocked.Increment(ref _overlapped);
        }
    }

    /// <summary>Starts a full run, waits for its end, and describes it.</summary>
    public async Task<string> RunOnceAsync(Action? started = null)
    {
        var id = await StartAsync();
        var clock = Stopwatch.StartNew();
        _running = true;
        started?.Invoke();
        try
        {
            while (true)
            {
                await Task.Delay(100);
                if (await StatusAsync(id) is not { } run)
                {
                    continue;
                }

                if (run.GetProperty("status").GetString() is not "running" and var status)
                {
                    return string.Create(CultureInfo.InvariantCulture,
                        $"run {id} {status}, {run.GetProperty("ordersExamined").GetInt64():N0} orders compared in {clock.Elapsed.TotalSeconds:F1} s");
                }
            }
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Back-to-back runs until <see cref="StopAsync"/>; the run in progress then is waited for.</summary>
    public async Task KeepRunningAsync()
    {
        while (!_stopping)
        {
            Completed.Add(await RunOnceAsync(() => _firstStarted.TrySetResult()));
        }
    }

    public async Task StopAsync(Task keeping)
    {
        ArgumentNullException.ThrowIfNull(keeping);
        _stopping = true;
        await keeping;
    }

    /// <summary>The run as the API reports it; null when the poll itself failed (a starved machine), to be tried again.</summary>
    private async Task<JsonElement?> StatusAsync(long id)
    {
        try
        {
            using var request = Authorized(HttpMethod.Get, $"api/runs/{id}");
            using var response = await client.SendAsync(request);
            return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private async Task<long> StartAsync()
    {
        using var request = Authorized(HttpMethod.Post, $"api/flows/{flow}/runs?full=true");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"starting a run of {flow} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServiceUnderLoad.AdminToken);
        return request;
    }
}
