using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reliability;

/// <summary>One request of the malformed corpus: exact bytes, an optional token, optionally signed as Slack signs.</summary>
public sealed record CorpusRequest(string Name, HttpMethod Method, string Path, byte[]? Body, string? ContentType, string? Token, bool SignAsSlack = false)
{
    public HttpRequestMessage ToMessage()
    {
        var request = new HttpRequestMessage(Method, new Uri(Path, UriKind.Relative));
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }

        if (Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        if (SignAsSlack)
        {
            // Signed over the exact bytes, as Slack does (HMAC-SHA256 of "v0:{timestamp}:{body}").
            var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(Body ?? []).ToArray();
            var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestSecrets.SigningSecret), signed);
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(hash));
        }

        return request;
    }

    public override string ToString() => $"{Method} {(Path.Length > 80 ? Path[..80] + "…" : Path)} ({Name})";
}
