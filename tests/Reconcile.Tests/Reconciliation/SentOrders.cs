using System.Globalization;
using System.Net;
using System.Text.Json;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reconciliation;

/// <summary>Orders as users push them, in the canonical shape, and the exceptions a run leaves.</summary>
internal static class SentOrders
{
    /// <summary>A paid USD order; <paramref name="lines"/> as (sku, quantity, unitPrice) and the totals add up.</summary>
    public static string Order(string id, DateTimeOffset updatedAt, string extra = "", params (string Sku, decimal Quantity, decimal Price)[] lines)
    {
        var items = lines.Length == 0 ? [("SKU-1", 1m, 50.00m)] : lines;
        var total = items.Sum(l => l.Quantity * l.Price);
        var json = string.Join(",", items.Select(l => string.Create(CultureInfo.InvariantCulture, $$"""{"sku":"{{l.Sku}}","quantity":{{l.Quantity}},"unitPrice":{{l.Price}}}""")));
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"orderId":"{{id}}","customerId":"C-77","currency":"USD","subtotal":{{total}},"discount":0,"tax":0,"total":{{total}},"status":"paid","updatedAt":"{{updatedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}}"{{extra}},"lines":[{{json}}]}""");
    }

    public static async Task<JsonElement> IngestAsync(this HttpClient client, string system, params string[] records)
    {
        var response = await client.PostJsonAsync($"/api/systems/{system}/records", $$"""{"records":[{{string.Join(",", records)}}]}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Every exception of the flow as (orderId, type, system, attribute, expected, actual), sorted.</summary>
    public static async Task<List<(string OrderId, string Type, string System, string? Attribute, string? Expected, string? Actual)>> ExceptionsAsync(this HttpClient client, string query = "")
    {
        var body = JsonDocument.Parse(await (await client.GetWithTokenAsync($"/api/exceptions?pageSize=200{query}")).Content.ReadAsStringAsync()).RootElement;
        return [.. body.GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("orderId").GetString()!, e.GetProperty("type").GetString()!, e.GetProperty("system").GetString()!,
                Text(e, "attribute"), Text(e, "expected"), Text(e, "actual")))
            .OrderBy(e => e.Item1, StringComparer.Ordinal).ThenBy(e => e.Item2, StringComparer.Ordinal).ThenBy(e => e.Item3, StringComparer.Ordinal)];
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
