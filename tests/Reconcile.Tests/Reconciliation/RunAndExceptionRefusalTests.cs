using System.Net;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reconciliation;

/// <summary>Runs and exceptions over HTTP refuse what they cannot serve with a clear 4xx; none of these writes a row.</summary>
[Collection(DefaultHost.Name)]
public sealed class RunAndExceptionRefusalTests(ReconcileFactory factory)
{
    [Theory]
    [InlineData("/api/flows/nope/runs", TestSecrets.AdminToken, HttpStatusCode.NotFound)]
    [InlineData("/api/flows/promo-to-billing/runs", "wrong", HttpStatusCode.Unauthorized)]
    public async Task Starting_a_run_needs_the_admin_token_and_a_known_flow(string path, string token, HttpStatusCode expected)
    {
        using var client = factory.CreateClient();
        Assert.Equal(expected, (await client.PostJsonAsync(path, "{}", token)).StatusCode);
    }

    [Theory]
    [InlineData("/api/exceptions?state=lost", HttpStatusCode.BadRequest)]
    [InlineData("/api/exceptions?type=weird", HttpStatusCode.BadRequest)]
    [InlineData("/api/exceptions?pageSize=100000", HttpStatusCode.BadRequest)]
    [InlineData("/api/exceptions/999999", HttpStatusCode.NotFound)]
    [InlineData("/api/runs/999999", HttpStatusCode.NotFound)]
    public async Task Bad_queries_get_a_clear_4xx(string path, HttpStatusCode expected)
    {
        using var client = factory.CreateClient();
        Assert.Equal(expected, (await client.GetWithTokenAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Reading_exceptions_needs_a_token()
    {
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/exceptions", token: null)).StatusCode);
    }
}
