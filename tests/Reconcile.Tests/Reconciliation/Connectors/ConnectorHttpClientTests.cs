using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Reconciliation.Connectors;
using Reconcile.Reconciliation.Connectors.Http;
using Reconcile.Topology;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Reconcile.Tests.Reconciliation.Connectors;

public sealed class ConnectorHttpClientTests : IDisposable
{
    private readonly WireMockServer _crm = WireMockServer.Start();

    public void Dispose() => _crm.Stop();

    [Fact]
    public async Task A_503_then_200_is_retried_and_the_200_is_returned()
    {
        _crm.Given(Request.Create().WithPath("/api/deals/1").UsingGet()).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        _crm.Given(Request.Create().WithPath("/api/deals/1").UsingGet()).InScenario("flaky").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"id\":\"1\"}"));

        var response = await Client(new ConnectorOptions { Kind = ConnectorOptions.Http, BaseUrl = _crm.Url + "/api/" })
            .SendAsync("crm", HttpMethod.Get, "deals/1");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("{\"id\":\"1\"}", response.Body);
        Assert.Equal(2, _crm.LogEntries.Count);
    }

    [Fact]
    public async Task A_401_is_returned_at_once_and_never_retried()
    {
        _crm.Given(Request.Create().WithPath("/api/deals/1")).RespondWith(Response.Create().WithStatusCode(401).WithBody("bad token"));

        var response = await Client(new ConnectorOptions { Kind = ConnectorOptions.Http, BaseUrl = _crm.Url + "/api/" })
            .SendAsync("crm", HttpMethod.Get, "deals/1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("401 Unauthorized: bad token", response.Describe());
        Assert.Single(_crm.LogEntries);
    }

    [Fact]
    public async Task A_429_waits_for_its_Retry_After_before_the_retry()
    {
        _crm.Given(Request.Create().WithPath("/api/deals")).InScenario("limited").WillSetStateTo("free")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        _crm.Given(Request.Create().WithPath("/api/deals")).InScenario("limited").WhenStateIs("free")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("[]"));

        var response = await Client(new ConnectorOptions { Kind = ConnectorOptions.Http, BaseUrl = _crm.Url + "/api/" })
            .SendAsync("crm", HttpMethod.Get, "deals");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var times = _crm.LogEntries.Select(e => e.RequestMessage.DateTime).ToList();
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(900), $"retried after {(times[1] - times[0]).TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData("Bearer", "Authorization", "Bearer s3cret")]
    [InlineData("Basic", "Authorization", "Basic YXBpOnMzY3JldA==")]
    [InlineData("Header", "X-Api-Key", "s3cret")]
    public async Task Each_call_carries_the_configured_credentials(string scheme, string header, string expected)
    {
        _crm.Given(Request.Create().WithPath("/api/deals")).RespondWith(Response.Create().WithStatusCode(200).WithBody("[]"));
        var auth = new ConnectorAuthOptions { Scheme = scheme, Token = "s3cret", Username = "api", Password = "s3cret", Header = "X-Api-Key" };

        await Client(new ConnectorOptions { Kind = ConnectorOptions.Http, BaseUrl = _crm.Url + "/api/", Auth = auth })
            .SendAsync("crm", HttpMethod.Get, "deals");

        Assert.Equal(expected, _crm.LogEntries.Single().RequestMessage.Headers![header].Single());
    }

    [Fact]
    public async Task An_order_id_with_a_hash_is_escaped_into_the_path()
    {
        _crm.Given(Request.Create().WithPath("/api/orders/*")).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));

        var response = await Client(new ConnectorOptions { Kind = ConnectorOptions.Http, BaseUrl = _crm.Url + "/api/" })
            .SendAsync("crm", HttpMethod.Get, ConnectorPath.Fill("orders/{orderId}", "#1001", externalId: null));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.EndsWith("/api/orders/%231001", _crm.LogEntries.Single().RequestMessage.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_next_page_on_another_host_is_refused_so_credentials_stay_home()
    {
        var client = Client(new ConnectorOptions { Kind = ConnectorOptions.Http, BaseUrl = _crm.Url + "/api/", Token = "s3cret" });

        var refusal = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync("crm", HttpMethod.Get, "https://elsewhere.example/api/deals?page=2"));

        Assert.Contains("not the connector's host", refusal.Message, StringComparison.Ordinal);
        Assert.False(refusal.Transient);
        Assert.Empty(_crm.LogEntries);
    }

    [Fact]
    public async Task A_system_that_never_answers_is_a_transient_connector_failure()
    {
        var client = Client(new ConnectorOptions { Kind = ConnectorOptions.Http, BaseUrl = "http://127.0.0.1:9/api/", Retries = 1 });

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync("crm", HttpMethod.Get, "deals"));

        Assert.True(failure.Transient);
        Assert.StartsWith("crm could not be reached", failure.Message, StringComparison.Ordinal);
    }

    private static ConnectorHttpClient Client(ConnectorOptions connector)
    {
        connector.RetryDelay = TimeSpan.FromMilliseconds(10);
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<TopologyOptions>(t => t.Systems["crm"] = new SystemOptions { Owner = "crm-ops", Connector = connector });
        services.AddConnectorHttp();
        return services.BuildServiceProvider().GetRequiredService<ConnectorHttpClient>();
    }
}
