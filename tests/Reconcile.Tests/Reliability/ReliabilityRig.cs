using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Reliability;

/// <summary>
/// One fresh store (a SQLite file in a directory of its own), a fake Slack on loopback, and the service
/// as a separate process over them, restartable; every line the service printed is kept for the secrets check.
/// </summary>
public sealed class ReliabilityRig : IAsyncDisposable
{
    public const string Flow = "promo-to-billing";
    public const string IngestToken = "shop-ingest-secret-7781";

    private readonly Dictionary<string, string> _environment;
    private ServiceProcess? _service;

    private ReliabilityRig(FakeSlackApi slack, string directory, IDictionary<string, string>? extra)
    {
        Slack = slack;
        Directory = directory;
        _environment = new Dictionary<string, string>
        {
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(directory, "reconcile.db")}",
            ["Slack__ApiBaseUrl"] = slack.BaseUrl,
            ["Slack__BotToken"] = TestSecrets.BotToken,
            ["Slack__SigningSecret"] = TestSecrets.SigningSecret,
            ["Slack__MaxMessagesPerRun"] = "1000",
            ["Slack__ChannelPostInterval"] = "00:00:00.050",
            ["Slack__OutboxPollInterval"] = "00:00:00.200",
            ["Slack__RetryBaseDelay"] = "00:00:00.050",
            ["Slack__RequestTimeout"] = "00:00:01",
            ["Slack__OutboxRetryDelay"] = "00:00:01",
            ["Api__AdminToken"] = TestSecrets.AdminToken,
            ["Systems__shop__IngestToken"] = IngestToken,
            ["Scheduling__Enabled"] = "false",
            [$"Flows__{Flow}__MaxExceptionRate"] = "1",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }
    }

    public FakeSlackApi Slack { get; }
    public string Directory { get; }
    public StringBuilder Log { get; } = new();
    public HttpClient Client { get; private set; } = LoopbackHttp.Create(null, TimeSpan.FromSeconds(30));

    public static async Task<ReliabilityRig> CreateAsync(IDictionary<string, string>? extra = null) =>
        new(await FakeSlackApi.StartAsync(), TestDirectory.Create(), extra);

    /// <summary>Loads the simulator's world (seeded, so two stores get the same orders) through the CLI.</summary>
    public async Task SimulateAsync(int orders, int seed)
    {
        var result = await CliAsync("simulate", "--orders", orders.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(result.ExitCode == 0, result.Error);
    }

    public async Task<ReconcileProcess.Result> CliAsync(params string[] args)
    {
        var result = await ReconcileProcess.RunAsync(Directory, _environment, args);
        lock (Log)
        {
            Log.AppendLine(result.Out).AppendLine(result.Error);
        }

        return result;
    }

    public async Task StartAsync()
    {
        _service?.Dispose();
        Client.Dispose();
        _service = await ServiceProcess.StartAsync(Directory, _environment, Log);
        Client = LoopbackHttp.Create(_service.Address, TimeSpan.FromSeconds(30));
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestSecrets.AdminToken);
    }

    public void Kill() => _service?.Kill();

    /// <summary>Starts a full run over HTTP and returns its id.</summary>
    public async Task<long> StartRunAsync()
    {
        using var response = await Client.PostAsync(new Uri($"/api/flows/{Flow}/runs?full=true", UriKind.Relative), null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
    }

    public async Task<JsonElement> RunAsync(long id)
    {
        using var response = await Client.GetAsync(new Uri($"/api/runs/{id}", UriKind.Relative));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public async Task<JsonElement> WaitForRunAsync(long id, int timeoutSeconds = 120)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var run = await RunAsync(id);
            if (run.GetProperty("status").GetString() != "running" || clock.Elapsed.TotalSeconds > timeoutSeconds)
            {
                return run;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>One value from the store, read beside the running service (WAL allows it).</summary>
    public long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Directory, "reconcile.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<string> Strings(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Directory, "reconcile.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>The configured secrets, none of which may appear in anything the service printed.</summary>
    public void AssertNoSecretInLog()
    {
        string text;
        lock (Log)
        {
            text = Log.ToString();
        }

        Assert.NotEmpty(text);
        foreach (var secret in new[] { TestSecrets.BotToken, TestSecrets.SigningSecret, TestSecrets.AdminToken, IngestToken })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _service?.Dispose();
        Client.Dispose();
        await Slack.DisposeAsync();
        TestDirectory.TryDelete(Directory);
    }
}
