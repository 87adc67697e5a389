using System.Globalization;

namespace Reconcile.Tests.Infrastructure;

/// <summary>Reads a Prometheus text scrape.</summary>
internal static class MetricsText
{
    /// <summary>The value of the series <paramref name="name"/> carrying every one of <paramref name="labels"/>; NaN when absent.</summary>
    public static double Value(string text, string name, params string[] labels) =>
        text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal)))
            .Select(l => double.Parse(l[(l.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(double.NaN).First();
}
