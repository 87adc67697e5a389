using System.Net;
using Xunit.Abstractions;

namespace Reconcile.Tests.Reliability;

/// <summary>
/// The malformed corpus against the running service: no 5xx, nothing stored by a refused request (a 422
/// quarantines by design), /healthz still 200 afterwards, and no configured secret in the service's log.
/// </summary>
[Collection(ServiceProcessTests.Name)]
public sealed class MalformedCorpusTests(ITestOutputHelper output)
{
    private const string State =
        "SELECT (SELECT COUNT(*) FROM records) || '/' || (SELECT COUNT(*) FROM record_history) || '/' || (SELECT COUNT(*) FROM customers) || '/' ||" +
        " (SELECT COUNT(*) FROM products) || '/' || (SELECT COUNT(*) FROM promotions) || '/' || (SELECT COUNT(*) FROM runs) || '/' ||" +
        " (SELECT COUNT(*) FROM exceptions) || '/' || (SELECT COUNT(*) FROM audit_events)";

    [Fact]
    public async Task Every_route_answers_the_malformed_corpus_without_a_5xx_or_a_change_from_a_refused_request_and_stays_healthy()
    {
        await using var rig = await ReliabilityRig.CreateAsync(new Dictionary<string, string> { ["Api__MaxBodyBytes"] = "2000000" });
        await rig.StartAsync();
        var corpus = MalformedCorpus.Build(ReliabilityRig.IngestToken);
        var serverErrors = new List<string>();
        var changedByRefusal = new List<string>();
        var byStatus = new SortedDictionary<int, int>();

        foreach (var item in corpus)
        {
            var before = rig.Strings(State)[0];
            using var request = item.ToMessage();
            using var response = await rig.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                serverErrors.Add($"{status} {item}");
            }

            if (status >= 400 && status != 422 && rig.Strings(State)[0] != before)
            {
                changedByRefusal.Add($"{status} {item}");
            }
        }

        using var health = await rig.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        output.WriteLine($"corpus of {corpus.Count} requests: {serverErrors.Count} 5xx; answers {string.Join(", ", byStatus.Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.Empty(serverErrors);
        Assert.Empty(changedByRefusal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(corpus.Count >= 200, $"the corpus has only {corpus.Count} requests");
        rig.AssertNoSecretInLog();
    }
}
