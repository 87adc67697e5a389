using System.Net;
using System.Net.Http.Headers;

namespace Reconcile.Reconciliation.Connectors.Http;

/// <summary>A system's answer to one call after retries: status, body as text, and headers (for <c>Link</c>).</summary>
public sealed record ConnectorHttpResponse(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)
{
    /// <summary>The longest body kept on the audit trail or shown to a person.</summary>
    public const int ShownBodyLength = 500;

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>"404 Not Found: {body…}", the body cut at <see cref="ShownBodyLength"/> characters.</summary>
    public string Describe()
    {
        var body = Body.Length <= ShownBodyLength ? Body : string.Concat(Body.AsSpan(0, ShownBodyLength), "…");
        return $"{(int)Status} {Status}: {body}";
    }
}
