using System.Net;
using System.Text.Json;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_answers_200_when_the_database_is_reachable()
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_database_is_unreachable()
    {
        using var factory = ReconcileFactory.With(new Dictionary<string, string?>
        {
            ["Database:MigrateOnStart"] = "false",
            ["Database:ConnectionString"] = "Data Source=/nonexistent-reconcile-dir/sub/reconcile.db;Mode=ReadWrite",
        });
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}
