using System.Net.Http.Headers;
using System.Text;
using Reconcile.Topology;

namespace Reconcile.Reconciliation.Connectors.Http;

/// <summary>Puts a connector's credentials on a request: Bearer (RFC 6750), Basic (RFC 7617) or a named header.</summary>
internal static class ConnectorAuthentication
{
    public static void Apply(HttpRequestMessage request, ConnectorAuthOptions? auth)
    {
        switch (auth?.Scheme)
        {
            case ConnectorAuthOptions.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth.Token);
                break;
            case ConnectorAuthOptions.Basic:
                var pair = Encoding.UTF8.GetBytes($"{auth.Username}:{auth.Password}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
                break;
            case ConnectorAuthOptions.HeaderScheme:
                request.Headers.TryAddWithoutValidation(auth.Header!, auth.Token);
                break;
        }
    }
}
