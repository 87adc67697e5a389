using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Reconcile.Topology;

namespace Reconcile.Reconciliation.Connectors.Http;

/// <summary>
/// Sends one call to a system's API: resolves the path against its <c>BaseUrl</c>, adds its credentials,
/// and runs through that system's resilience pipeline (<see cref="ConnectorResilience"/>). Any HTTP
/// status comes back as a <see cref="ConnectorHttpResponse"/>; only "no answer at all" throws.
/// </summary>
public sealed class ConnectorHttpClient(IHttpClientFactory factory, IOptionsMonitor<TopologyOptions> topology)
{
    /// <summary>
    /// Sends <paramref name="method"/> to <paramref name="pathOrUrl"/> (relative to the BaseUrl, or an absolute
    /// URL on the same scheme, host and port, such as a <c>Link</c> header's next page) with optional JSON
    /// <paramref name="content"/> and extra <paramref name="headers"/> (e.g. the idempotency key).
    /// Throws <see cref="ConnectorException"/> (transient) when the system gave no answer after retries —
    /// connection refused, every attempt timed out, or its circuit is open — and (not transient) when the
    /// system has no Http connector or the URL leaves its host, so credentials are never sent elsewhere.
    /// </summary>
    public async Task<ConnectorHttpResponse> SendAsync(
        string system,
        HttpMethod method,
        string pathOrUrl,
        HttpContent? content = null,
        IReadOnlyDictionary<string, string>? headers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var connector = Connector(system);
        var baseUrl = new Uri(connector.BaseUrl!, UriKind.Absolute);
        var url = new Uri(baseUrl, pathOrUrl);
        if (Uri.Compare(url, baseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new ConnectorException($"{system}: refusing to call {url.GetLeftPart(UriPartial.Authority)}, which is not the connector's host", transient: false);
        }

        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Options.Set(ConnectorResilience.SystemKey, system);
        ConnectorAuthentication.Apply(request, connector.EffectiveAuth);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await factory.CreateClient(ConnectorResilience.ClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ConnectorHttpResponse(response.StatusCode, body, response.Headers);
        }
        catch (HttpRequestException e)
        {
            throw new ConnectorException($"{system} could not be reached: {e.Message}", transient: true);
        }
        catch (TimeoutRejectedException)
        {
            throw new ConnectorException($"{system} did not answer within {connector.Timeout.TotalSeconds:0.#} s", transient: true);
        }
        catch (BrokenCircuitException)
        {
            throw new ConnectorException($"{system} is paused after repeated failures (circuit open); calls resume shortly", transient: true);
        }
    }

    private ConnectorOptions Connector(string system) =>
        topology.CurrentValue.Systems.TryGetValue(system, out var options)
        && options.Connector is { Kind: ConnectorOptions.Http, BaseUrl: not null } connector
            ? connector
            : throw new ConnectorException($"{system} has no Http connector configured (Systems:{system}:Connector)", transient: false);
}
