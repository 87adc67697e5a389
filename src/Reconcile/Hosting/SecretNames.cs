using System.Text.RegularExpressions;

namespace Reconcile.Hosting;

/// <summary>What counts as a secret when logging: names that sound like one, values that look like one.</summary>
internal static partial class SecretNames
{
    public const string Mask = "***";

    public static bool IsSecretName(string name) =>
        name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("ConnectionString", StringComparison.OrdinalIgnoreCase);

    /// <summary>Slack tokens (xoxb-, xoxp-, xapp-…) and bearer credentials inside free text.</summary>
    public static string RedactValue(string value) => SecretPattern().Replace(value, m => m.Value[..5] + Mask);

    [GeneratedRegex(@"(xox[abposr]-|xapp-)[A-Za-z0-9\-]+|(?i:bearer\s+)[A-Za-z0-9\-\._~\+/]+=*")]
    private static partial Regex SecretPattern();
}
