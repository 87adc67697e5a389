using Microsoft.Extensions.DependencyInjection;

namespace Reconcile.Tests.Reliability;

/// <summary>HttpClients for the service process on loopback, from an IHttpClientFactory as everywhere else.</summary>
public static class LoopbackHttp
{
    private static readonly IHttpClientFactory Factory =
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    public static HttpClient Create(Uri? baseAddress, TimeSpan timeout)
    {
        var client = Factory.CreateClient();
        client.BaseAddress = baseAddress;
        client.Timeout = timeout;
        return client;
    }
}
