using System.Text.Json;
using Reconcile.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Reconcile.Tests.Ingest.Pull;

/// <summary>A system that fails, refuses or loops: the pull retries what is worth retrying, stops, and says so.</summary>
public sealed class PullFailureTests : IDisposable
{
    private readonly WireMockServer _api = WireMockServer.Start();

    public void Dispose() => _api.Stop();

    [Fact]
    public async Task A_503_then_a_200_is_retried_and_the_pull_completes()
    {
        _api.Given(Request.Create().WithPath("/v1/invoices").UsingGet()).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        _api.Given(Request.Create().WithPath("/v1/invoices").UsingGet()).InScenario("flaky").WhenStateIs("up")
            .RespondWith(Response.Create().WithBody($$$"""{"data":[{{{NativeItems.Invoice(1)}}}],"has_more":false}"""));
        using var factory = PullHost.Create("billing-stripe.json", "billing", _api.Url + "/v1/", PullPagingTests.Billing());

        var pull = await PullHost.PullAsync(factory.CreateClient(), "billing", factory.Time);

        PullHost.AssertCompleted(pull);
        Assert.Equal(1, pull.GetProperty("records").GetProperty("stored").GetInt32());
        Assert.Equal(2, _api.LogEntries.Count);
        Assert.Equal(503, _api.LogEntries[0].ResponseMessage.StatusCode);
    }

    [Fact]
    public async Task A_401_fails_the_pull_with_the_systems_answer_shows_in_healthz_and_no_log_line_holds_the_token()
    {
        _api.Given(Request.Create().WithPath("/v1/invoices").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"error":{"message":"Invalid API Key provided"}}"""));
        var logs = Guid.NewGuid().ToString("N");
        var settings = PullPagingTests.Billing();
        foreach (var (key, value) in CollectedLogs.Settings(logs))
        {
            settings[key] = value;
        }

        using var factory = PullHost.Create("billing-stripe.json", "billing", _api.Url + "/v1/", settings);
        var client = factory.CreateClient();

        var pull = await PullHost.PullAsync(client, "billing");
        var health = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative))).RootElement;

        Assert.Equal("failed", pull.GetProperty("status").GetString());
        Assert.Equal("page 1: billing answered 401 Unauthorized: {\"error\":{\"message\":\"Invalid API Key provided\"}}", pull.GetProperty("errors")[0].GetString());
        Assert.Single(_api.LogEntries);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var pulls = health.GetProperty("checks").GetProperty("pulls");
        Assert.Equal("degraded", pulls.GetProperty("status").GetString());
        Assert.StartsWith("billing: pull 1 failed at 2026-11-23 15:00:00Z: page 1: billing answered 401 Unauthorized", pulls.GetProperty("description").GetString(), StringComparison.Ordinal);
        // The runner logs the failure just after recording it, so the line may land a moment after the status is visible.
        var logged = await CollectedLogs.WaitForAsync(logs, "Pull 1 of \"billing\" failed after 0 pages", TimeSpan.FromSeconds(10));
        Assert.Contains("Pull 1 of \"billing\" failed after 0 pages", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(PullHost.Token, logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_that_repeats_stops_the_pull_with_an_error_instead_of_looping()
    {
        _api.Given(Request.Create().WithPath("/crm/v3/objects/deals").UsingGet())
            .RespondWith(Response.Create().WithBody($$$"""{"results":[{{{NativeItems.Deal(1)}}}],"paging":{"next":{"after":"same"} } }"""));
        using var factory = PullHost.Create("crm-hubspot.json", "crm", _api.Url + "/", new Dictionary<string, string?>
        {
            ["Path"] = "crm/v3/objects/deals",
            ["ItemsPointer"] = "/results",
            ["Paging:Kind"] = "Cursor",
            ["Paging:Parameter"] = "after",
            ["Paging:NextPointer"] = "/paging/next/after",
        });

        var pull = await PullHost.PullAsync(factory.CreateClient(), "crm");

        Assert.Equal("failed", pull.GetProperty("status").GetString());
        Assert.Equal(2, pull.GetProperty("pages").GetInt32());
        Assert.Equal(2, _api.LogEntries.Count);
        Assert.Equal("page 2 points back to a page already read (/crm/v3/objects/deals?after=same): the cursor repeats, so the pull stopped instead of looping",
            pull.GetProperty("errors")[0].GetString());
        Assert.Single(await PullHost.RecordsAsync(factory, "crm"));
    }

    [Fact]
    public async Task A_pull_that_reaches_MaxPages_with_more_to_read_fails_and_leaves_no_watermark()
    {
        _api.Given(Request.Create().WithPath("/v1/invoices").UsingGet())
            .RespondWith(Response.Create().WithBody($$$"""{"data":[{{{NativeItems.Invoice(7)}}}]}"""));
        using var factory = PullHost.Create("billing-stripe.json", "billing", _api.Url + "/v1/", new Dictionary<string, string?>
        {
            ["Path"] = "invoices",
            ["ItemsPointer"] = "/data",
            ["Paging:Kind"] = "Page",
            ["Paging:Parameter"] = "page",
            ["MaxPages"] = "3",
        });

        var pull = await PullHost.PullAsync(factory.CreateClient(), "billing");

        Assert.Equal("failed", pull.GetProperty("status").GetString());
        Assert.Equal(3, _api.LogEntries.Count);
        Assert.StartsWith("stopped after Pull:MaxPages (3) pages with more to read", pull.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(await PullHost.WatermarkAsync(factory, "billing"));
    }

    [Fact]
    public async Task A_failed_page_keeps_what_was_stored_and_does_not_move_the_watermark()
    {
        const long firstPaid = 1763636400;
        const long laterPaid = firstPaid + 3600;
        _api.Given(Request.Create().WithPath("/v1/invoices").UsingGet()).AtPriority(10).InScenario("pulls").WillSetStateTo("second")
            .RespondWith(Response.Create().WithBody($$$"""{"data":[{{{NativeItems.Invoice(1, firstPaid)}}}],"has_more":false}"""));
        _api.Given(Request.Create().WithPath("/v1/invoices").UsingGet()).AtPriority(10).InScenario("pulls").WhenStateIs("second")
            .RespondWith(Response.Create().WithBody($$$"""{"data":[{{{NativeItems.Invoice(2, laterPaid)}}}],"has_more":true}"""));
        _api.Given(Request.Create().WithPath("/v1/invoices").WithParam("starting_after", "in_2").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("upstream exploded"));
        using var factory = PullHost.Create("billing-stripe.json", "billing", _api.Url + "/v1/", PullPagingTests.Billing());
        var client = factory.CreateClient();

        PullHost.AssertCompleted(await PullHost.PullAsync(client, "billing"));
        var failed = await PullHost.PullAsync(client, "billing", factory.Time);

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("page 2: billing answered 500 InternalServerError: upstream exploded", failed.GetProperty("errors")[0].GetString());
        Assert.Equal(1, failed.GetProperty("pages").GetInt32());
        Assert.Equal(["1", "2"], (await PullHost.RecordsAsync(factory, "billing")).Select(r => r.OrderId));
        var mark = DateTimeOffset.FromUnixTimeSeconds(firstPaid);
        Assert.Equal(mark, await PullHost.WatermarkAsync(factory, "billing"));
        Assert.Equal(mark, failed.GetProperty("watermarkAfter").GetDateTimeOffset());
        // The failed page was retried (Retries 2) before the pull gave up on it: the first pull, then 1 + 3 calls.
        Assert.Equal(5, _api.LogEntries.Count);
    }
}
