using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reconcile.Ingest.Webhooks;

/// <summary>
/// <c>Stripe-Signature: t=1700000000,v1=&lt;hex&gt;,v1=&lt;hex&gt;</c>: a <c>v1</c> is the hex HMAC-SHA256 of
/// <c>"&lt;t&gt;.&lt;raw body&gt;"</c>; any one matching is enough (several appear while a secret rotates), and
/// <c>t</c> must be within the tolerance (docs.stripe.com, "Check the webhook signatures").
/// </summary>
internal static class StripeSignature
{
    public const string Header = "Stripe-Signature";

    public static SignatureOutcome Verify(IHeaderDictionary headers, byte[] key, byte[] body, DateTimeOffset now, TimeSpan tolerance)
    {
        var value = headers[Header].ToString();
        if (value.Length == 0)
        {
            return SignatureOutcome.Refused($"the {Header} header is missing");
        }

        string? stamp = null;
        var signatures = new List<byte[]?>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var (name, text) = equals < 0 ? (part, "") : (part[..equals], part[(equals + 1)..]);
            if (name == "t")
            {
                stamp = text;
            }
            else if (name == "v1")
            {
                signatures.Add(WebhookSignatureVerifier.Decode(text, base64: false));
            }
        }

        if (!long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signatures.Count == 0)
        {
            return SignatureOutcome.Refused($"the {Header} header needs t=<unix seconds> and at least one v1=<hex>");
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253_402_300_799));
        if (age.Duration() > tolerance)
        {
            return SignatureOutcome.Refused($"the signed timestamp is {(long)age.TotalSeconds} s from now; the tolerance is {(long)tolerance.TotalSeconds} s");
        }

        byte[] signed = [.. Encoding.UTF8.GetBytes(stamp + "."), .. body];
        var expected = HMACSHA256.HashData(key, signed);

        // Every candidate is compared (no early exit) so timing says nothing about which one matched.
        var any = false;
        foreach (var signature in signatures)
        {
            any |= WebhookSignatureVerifier.Matches(signature, expected);
        }

        return any ? SignatureOutcome.Ok : SignatureOutcome.Refused($"no v1 signature in {Header} matches the body");
    }
}
