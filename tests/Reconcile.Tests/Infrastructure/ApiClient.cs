using System.Net.Http.Headers;
using System.Text;

namespace Reconcile.Tests.Infrastructure;

/// <summary>Calls the HTTP API the way an integration would: JSON bodies and bearer tokens.</summary>
public static class ApiClient
{
    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json, string? token = TestSecrets.AdminToken, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, contentType),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts exactly these bytes (for bodies no .NET string can hold, such as invalid UTF-8).</summary>
    public static async Task<HttpResponseMessage> PostBytesAsync(this HttpClient client, string path, byte[] body, string? token = TestSecrets.AdminToken, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> GetWithTokenAsync(this HttpClient client, string path, string? token = TestSecrets.AdminToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }
}
