using System.Text;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reliability;

/// <summary>
/// Hostile input over every route: truncated JSON, wrong types, huge numbers and strings, deep nesting,
/// invalid UTF-8 and lone surrogates, wrong content types, duplicate keys, path tricks and oversized or
/// malformed Slack payloads (signed, so they pass the signature check and reach the parsers).
/// </summary>
public static class MalformedCorpus
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";
    private const string Order = """{"orderId":"C-1","currency":"USD","total":1.00,"updatedAt":"2026-11-20T10:00:00Z"}""";

    public static IReadOnlyList<CorpusRequest> Build(string ingestToken)
    {
        var corpus = new List<CorpusRequest>();
        var routes = new (string Path, string Items, string? Token)[]
        {
            ("/api/systems/shop/records", "records", ingestToken),
            ("/api/systems/billing/records", "records", TestSecrets.AdminToken),
            ("/api/reference/customers", "customers", TestSecrets.AdminToken),
            ("/api/reference/products", "products", TestSecrets.AdminToken),
            ("/api/reference/promotions", "promotions", TestSecrets.AdminToken),
        };
        foreach (var (path, items, token) in routes)
        {
            foreach (var (name, body) in Bodies(items))
            {
                corpus.Add(new CorpusRequest(name, HttpMethod.Post, path, body, Json, token));
            }

            foreach (var type in new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x", Form, "application/jsonx" })
            {
                corpus.Add(new CorpusRequest("content type " + type, HttpMethod.Post, path, Utf8($$"""{"{{items}}":[{{Order}}]}"""), type, token));
            }

            corpus.Add(new CorpusRequest("no content type", HttpMethod.Post, path, Utf8($$"""{"{{items}}":[]}"""), null, token));
            corpus.Add(new CorpusRequest("no token", HttpMethod.Post, path, Utf8($$"""{"{{items}}":[{{Order}}]}"""), Json, null));
            corpus.Add(new CorpusRequest("wrong token", HttpMethod.Post, path, Utf8($$"""{"{{items}}":[{{Order}}]}"""), Json, "not-the-token"));
            corpus.Add(new CorpusRequest("GET on a POST route", HttpMethod.Get, path, null, null, token));
        }

        foreach (var path in PathTricks())
        {
            corpus.Add(new CorpusRequest("path trick", HttpMethod.Post, path, Utf8($$"""{"records":[{{Order}}],"customers":[{"id":"X"}]}"""), Json, TestSecrets.AdminToken));
        }

        foreach (var path in BadQueries())
        {
            corpus.Add(new CorpusRequest("bad query", HttpMethod.Get, path, null, null, TestSecrets.AdminToken));
        }

        foreach (var flow in new[] { "nope", "promo-to-billing%00", new string('f', 5000), "..%2f..%2fetc", "promo-to-billing/../x" })
        {
            corpus.Add(new CorpusRequest("unknown flow", HttpMethod.Post, $"/api/flows/{flow}/runs", Utf8("{}"), Json, TestSecrets.AdminToken));
        }

        corpus.Add(new CorpusRequest("run without token", HttpMethod.Post, "/api/flows/promo-to-billing/runs", null, null, null));
        corpus.AddRange(SlackRequests());
        return corpus;
    }

    private static IEnumerable<(string Name, byte[] Body)> Bodies(string items)
    {
        var record = items == "records" ? Order : items switch
        {
            "customers" => """{"id":"C-1","name":"Ada"}""",
            "products" => """{"sku":"S-1","price":1.00}""",
            _ => """{"code":"P-1","campaign":"c"}""",
        };
        var key = items == "records" ? "orderId" : items == "customers" ? "id" : items == "products" ? "sku" : "code";
        yield return ("empty body", []);
        yield return ("truncated", Utf8($$"""{"{{items}}":[{{record[..^3]}}"""));
        yield return ("only a brace", Utf8("{"));
        yield return ("null", Utf8("null"));
        yield return ("a number", Utf8("42"));
        yield return ("a top-level array", Utf8($"[{record}]"));
        yield return ("items not an array", Utf8($$"""{"{{items}}":{{record}}}"""));
        yield return ("items of wrong type", Utf8($$"""{"{{items}}":[1,"x",null,true,[]]}"""));
        yield return ("wrong field types", Utf8($$"""{"{{items}}":[{"{{key}}":{"a":1},"total":"ninety","price":[],"currency":7,"updatedAt":false}]}"""));
        yield return ("huge number", Utf8($$"""{"{{items}}":[{"{{key}}":"N-1","total":1e400,"price":{{new string('9', 5000)}},"percentOff":-1e-400}]}"""));
        yield return ("huge id", Utf8($$"""{"{{items}}":[{"{{key}}":"{{new string('7', 1_000_000)}}"}]}"""));
        yield return ("huge free text", Utf8($$"""{"{{items}}":[{"{{key}}":"T-1","name":"{{new string('n', 200_000)}}","campaign":"{{new string('c', 200_000)}}"}]}"""));
        yield return ("huge key", Utf8($$"""{"{{items}}":[{"{{new string('k', 100_000)}}":1}]}"""));
        yield return ("deep nesting in an item", Utf8($$"""{"{{items}}":[{"{{key}}":"D-1","lines":{{new string('[', 500)}}{{new string(']', 500)}}}]}"""));
        yield return ("deep nesting at the top", Utf8(new string('[', 10_000) + new string(']', 10_000)));
        yield return ("duplicate top-level key", Utf8($$"""{"{{items}}":[{{record}}],"{{items}}":[]}"""));
        yield return ("duplicate key in an item", Utf8($$"""{"{{items}}":[{"{{key}}":"A","{{key}}":"B"}]}"""));
        yield return ("invalid UTF-8 in a value", Bytes("{\"" + items + "\":[{\"" + key + "\":\"", [0xFF, 0xFE], "\"}]}"));
        yield return ("invalid UTF-8 in a key", Bytes("{\"" + items + "\":[{\"", [0xC3, 0x28], "\":1}]}"));
        yield return ("overlong UTF-8", Bytes("{\"" + items + "\":[{\"" + key + "\":\"", [0xC0, 0xAF], "\"}]}"));
        yield return ("lone low surrogate", Utf8($$"""{"{{items}}":[{"{{key}}":"A\udc00"}]}"""));
        yield return ("lone high surrogate", Utf8($$"""{"{{items}}":[{"{{key}}":"\ud800"}]}"""));
        yield return ("surrogate in a key", Utf8($$"""{"{{items}}":[{"\udfff":"x"}]}"""));
        yield return ("NUL in a value", Utf8($$"""{"{{items}}":[{"{{key}}":"A\u0000B"}]}"""));
        yield return ("byte order mark", [0xEF, 0xBB, 0xBF, .. Utf8($$"""{"{{items}}":[{{record}}]}""")]);
        yield return ("NaN literal", Utf8($$"""{"{{items}}":[{"{{key}}":"X","total":NaN}]}"""));
        yield return ("trailing garbage", Utf8($$"""{"{{items}}":[]} trailing"""));
        yield return ("comments", Utf8($$"""{/* c */"{{items}}":[]}"""));
        yield return ("over the body limit", Utf8($$"""{"{{items}}":["{{new string('z', 2_100_000)}}"]}"""));
    }

    private static IEnumerable<string> PathTricks() =>
    [
        "/api/systems/../reference/customers",
        "/api/systems/%2e%2e/records",
        "/api/systems/shop%2F..%2Fbilling/records",
        "/api/systems/SHOP/records",
        "/api/systems/shop%00/records",
        "/api/systems/%F0%9F%92%A3/records",
        "/api/systems/%FF/records",
        $"/api/systems/{new string('s', 5000)}/records",
        "/api/systems//records",
        "/api/reference/..%2fcustomers",
        "/api/reference/CUSTOMERS",
        "/api/reference/customers%20",
        "/api/reference/suppliers",
        "/%2Fapi/systems/shop/records",
        "/api/systems/shop/records/",
        "/api/systems/shop/records/../../reference/products",
    ];

    private static IEnumerable<string> BadQueries() =>
    [
        "/api/runs/abc", "/api/runs/-1", "/api/runs/99999999999999999999999", "/api/runs?flow=" + new string('x', 5000),
        "/api/exceptions?page=-1&pageSize=0", "/api/exceptions?page=99999999999&pageSize=100000000", "/api/exceptions?state=%FF%FE&type=%00",
        "/api/exceptions?orderId=" + new string('9', 10_000), "/api/exceptions/abc", "/api/exceptions/99999999999999999999",
        "/api/exceptions/1/audit", "/api/metrics?from=yesterday&to=tomorrow", "/api/metrics?from=2026-12-01&to=2026-01-01",
        "/api/metrics?by=colour", "/api/metrics?from=9999-12-31T23:59:59Z&to=0001-01-01", "/api/exports/exceptions.csv?from=garbage",
        "/api/exports/audit.csv?from=2026-01-01&to=" + new string('1', 3000), "/api/exceptions?page=1&page=2&pageSize=x",
    ];

    private static IEnumerable<CorpusRequest> SlackRequests()
    {
        static CorpusRequest Signed(string name, string path, byte[] body, string type = Form) => new(name, HttpMethod.Post, path, body, type, null, SignAsSlack: true);
        static byte[] Payload(string json) => Utf8("payload=" + Uri.EscapeDataString(json));
        var action = """{"action_id":"recon_replay","block_id":"b","value":"1","type":"button"}""";
        yield return new CorpusRequest("unsigned command", HttpMethod.Post, "/slack/commands", Utf8("command=%2Frecon&text=status&user_id=U1"), Form, null);
        yield return new CorpusRequest("unsigned interaction", HttpMethod.Post, "/slack/interactions", Payload("{}"), Form, null);
        yield return new CorpusRequest("unsigned event", HttpMethod.Post, "/slack/events", Utf8("""{"type":"url_verification","challenge":"x"}"""), Json, null);
        yield return Signed("command with no fields", "/slack/commands", []);
        yield return Signed("command as JSON", "/slack/commands", Utf8("""{"command":"/recon"}"""), Json);
        yield return Signed("command with bad bytes", "/slack/commands", Bytes("command=%2Frecon&text=", [0xFF], "&user_id=U1"));
        yield return Signed("command with a broken escape", "/slack/commands", Utf8("command=%2Frecon&text=%E0%A4%A&user_id=U1"));
        yield return Signed("oversized command", "/slack/commands", Utf8("command=%2Frecon&text=" + new string('a', 1_100_000)));
        yield return Signed("interaction without payload", "/slack/interactions", Utf8("nothing=here"));
        yield return Signed("interaction payload not JSON", "/slack/interactions", Utf8("payload=%7Bnot"));
        yield return Signed("interaction payload with bad bytes", "/slack/interactions", Bytes("payload=", [0xFF, 0xFE], ""));
        yield return Signed("interaction with a lone surrogate", "/slack/interactions", Payload("""{"type":"block_actions","user":{"id":"\udc00"},"actions":[""" + action + "]}"));
        yield return Signed("interaction of unknown type", "/slack/interactions", Payload("""{"type":"shortcut","user":{"id":"U1"}}"""));
        yield return Signed("interaction without user", "/slack/interactions", Payload("""{"type":"block_actions","actions":[""" + action + "]}"));
        yield return Signed("interaction with no actions", "/slack/interactions", Payload("""{"type":"block_actions","user":{"id":"U1"},"actions":[]}"""));
        yield return Signed("interaction with actions of wrong type", "/slack/interactions", Payload("""{"type":"block_actions","user":{"id":"U1"},"actions":[1,2]}"""));
        yield return Signed("interaction with deep nesting", "/slack/interactions", Payload("""{"type":"block_actions","user":{"id":"U1"},"x":""" + new string('[', 2000) + new string(']', 2000) + "}"));
        yield return Signed("oversized interaction", "/slack/interactions", Payload("""{"type":"block_actions","user":{"id":"U1"},"actions":[""" + string.Join(",", Enumerable.Repeat(action, 20_000)) + "]}"));
        yield return Signed("view submission without view", "/slack/interactions", Payload("""{"type":"view_submission","user":{"id":"U1"}}"""));
        yield return Signed("event not JSON", "/slack/events", Utf8("{not json"), Json);
        yield return Signed("event with bad bytes", "/slack/events", Bytes("{\"type\":\"event_callback\",\"event_id\":\"", [0xFF], "\"}"), Json);
        yield return Signed("event with a lone surrogate", "/slack/events", Utf8("""{"type":"event_callback","event_id":"\ud800","event":{"type":"\udc00"}}"""), Json);
        yield return Signed("event as a form", "/slack/events", Utf8("type=url_verification"));
        yield return Signed("event of wrong shape", "/slack/events", Utf8("""{"type":["url_verification"],"challenge":{"a":1}}"""), Json);
        yield return Signed("event with duplicate keys", "/slack/events", Utf8("""{"type":"url_verification","type":"event_callback","challenge":"c"}"""), Json);
        yield return Signed("oversized event", "/slack/events", Utf8("{\"type\":\"event_callback\",\"event\":{\"text\":\"" + new string('e', 1_100_000) + "\"}}"), Json);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(string before, byte[] raw, string after) => [.. Utf8(before), .. raw, .. Utf8(after)];
}
