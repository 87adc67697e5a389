using System.Security.Cryptography;
using System.Text;

namespace Reconcile.Api;

/// <summary>Bearer-token checks in constant time: the comparison never tells how much of a guess was right.</summary>
public static class BearerToken
{
    /// <summary>The token of an <c>Authorization: Bearer &lt;token&gt;</c> header (RFC 6750 §2.1), or null when there is none.</summary>
    public static string? From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }

    /// <summary>True when both are non-empty and equal; the time taken depends on neither value nor length.</summary>
    public static bool Matches(string? presented, string? expected)
    {
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        // Hash both sides first so lengths cannot leak either.
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
