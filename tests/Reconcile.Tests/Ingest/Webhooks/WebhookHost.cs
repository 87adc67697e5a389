using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest.Webhooks;

/// <summary>The real host configured from one of the documented example files, and helpers to sign deliveries the way each sender does.</summary>
public static class WebhookHost
{
    public const string Secret = "test-webhook-secret";
    public const string IngestToken = "test-ingest-token";

    /// <summary>The example configuration file (examples/systems/<paramref name="file"/>) as flat configuration keys.</summary>
    public static Dictionary<string, string?> Example(string file)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "TestData", "examples", "systems", file))
            .Build();
        return configuration.AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    /// <summary>A host whose <paramref name="system"/> is configured by the example file, with a secret and an ingest token.</summary>
    public static ReconcileFactory Create(string file, string system, IDictionary<string, string?>? more = null)
    {
        var settings = Example(file);
        settings[$"Systems:{system}:Webhook:Secret"] = Secret;
        settings[$"Systems:{system}:IngestToken"] = IngestToken;
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ReconcileFactory.With(settings);
    }

    public static string Base64Hmac(string secret, byte[] data) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));

    public static string HexHmac(string secret, byte[] data) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));

    /// <summary>Posts <paramref name="body"/> to the system's webhook with the given headers, exactly these bytes.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string system, string body, params (string Name, string Value)[] headers)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/systems/{system}/webhook", UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    public static async Task<List<RecordEntity>> RecordsAsync(ReconcileFactory factory, string system)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        return await db.Records.Where(r => r.System == system).OrderBy(r => r.OrderId).ToListAsync();
    }
}
