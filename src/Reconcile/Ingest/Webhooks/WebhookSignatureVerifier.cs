using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reconcile.Topology;

namespace Reconcile.Ingest.Webhooks;

/// <summary>
/// Checks a delivery's signature over the raw body bytes, before anything is parsed, comparing in constant
/// time. Schemes and their sources are listed on <see cref="WebhookSignatures"/>. A scheme of <c>none</c>
/// is not checked here (the endpoint asks for the ingest token instead).
/// </summary>
public static class WebhookSignatureVerifier
{
    /// <summary>Verifies <paramref name="body"/> as received at <paramref name="url"/> (absolute) by <paramref name="method"/>, at <paramref name="now"/>.</summary>
    public static SignatureOutcome Verify(WebhookOptions options, IHeaderDictionary headers, string method, string url, byte[] body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(headers);
        var key = Encoding.UTF8.GetBytes(options.Secret ?? "");
        return options.Signature switch
        {
            WebhookSignatures.Shopify => Single(headers, "X-Shopify-Hmac-Sha256", "", base64: true, HMACSHA256.HashData(key, body)),
            WebhookSignatures.HmacSha256 => Single(headers, options.Header!, options.Prefix ?? "", options.Encoding == "base64", HMACSHA256.HashData(key, body)),
            WebhookSignatures.Stripe => StripeSignature.Verify(headers, key, body, now, options.Tolerance),
            WebhookSignatures.HubSpotV3 => HubSpot(headers, key, method, options.PublicUrl ?? url, body, now, options.Tolerance),
            _ => SignatureOutcome.Refused($"'{options.Signature}' is not a signature scheme"),
        };
    }

    /// <summary>Constant-time comparison of a presented signature with the expected one.</summary>
    public static bool Matches(byte[]? presented, byte[] expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(presented, expected);

    private static SignatureOutcome Single(IHeaderDictionary headers, string header, string prefix, bool base64, byte[] expected)
    {
        var value = headers[header].ToString();
        if (value.Length == 0)
        {
            return SignatureOutcome.Refused($"the {header} header is missing");
        }

        if (prefix.Length > 0 && !value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return SignatureOutcome.Refused($"the {header} header does not start with '{prefix}'");
        }

        var presented = Decode(value[prefix.Length..].Trim(), base64);
        return Matches(presented, expected) ? SignatureOutcome.Ok : SignatureOutcome.Refused($"the {header} signature does not match the body");
    }

    private static SignatureOutcome HubSpot(IHeaderDictionary headers, byte[] key, string method, string url, byte[] body, DateTimeOffset now, TimeSpan tolerance)
    {
        var stamp = headers["X-HubSpot-Request-Timestamp"].ToString();
        if (!long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return SignatureOutcome.Refused("the X-HubSpot-Request-Timestamp header is missing or not unix milliseconds");
        }

        var age = now - DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(milliseconds, 253_402_300_799_000));
        if (age.Duration() > tolerance)
        {
            return SignatureOutcome.Refused($"the request timestamp is {(long)age.TotalSeconds} s from now; the tolerance is {(long)tolerance.TotalSeconds} s");
        }

        // method + URI + body + timestamp, as UTF-8.
        byte[] signed = [.. Encoding.UTF8.GetBytes(method + url), .. body, .. Encoding.UTF8.GetBytes(stamp)];
        return Single(headers, "X-HubSpot-Signature-v3", "", base64: true, HMACSHA256.HashData(key, signed));
    }

    internal static byte[]? Decode(string text, bool base64)
    {
        try
        {
            return base64 ? Convert.FromBase64String(text) : Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
