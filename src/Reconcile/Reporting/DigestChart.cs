using ScottPlot;

namespace Reconcile.Reporting;

/// <summary>The digest's picture: daily match rate (line, left axis) and exceptions raised (bars, right axis), as PNG.</summary>
public static class DigestChart
{
    public const int Width = 900;
    public const int Height = 420;

    public static byte[] RenderPng(IReadOnlyList<DailyPoint> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        using var plot = new Plot();
        var positions = days.Select(d => d.Day.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();

        var bars = plot.Add.Bars(positions, [.. days.Select(d => (double)d.ExceptionsRaised)]);
        bars.Axes.YAxis = plot.Axes.Right;
        bars.LegendText = "Exceptions raised";
        bars.Color = Colors.Orange.WithAlpha(0.6);
        foreach (var bar in bars.Bars)
        {
            bar.Size = 0.7;
        }

        var rated = days.Where(d => d.MatchRate is not null).ToList();
        if (rated.Count > 0)
        {
            var line = plot.Add.Scatter(
                rated.Select(d => d.Day.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray(),
                rated.Select(d => d.MatchRate!.Value * 100).ToArray());
            line.LegendText = "Match rate (%)";
            line.Color = Colors.SteelBlue;
            line.LineWidth = 2;
            line.Axes.YAxis = plot.Axes.Left;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Title("Daily match rate and exceptions, last four weeks");
        plot.Axes.Left.Label.Text = "Match rate (%)";
        plot.Axes.Right.Label.Text = "Exceptions";
        plot.Axes.SetLimitsY(0, 100, plot.Axes.Left);
        var most = days.Count == 0 ? 0 : days.Max(d => d.ExceptionsRaised);
        plot.Axes.SetLimitsY(0, Math.Max(5, most * 1.2), plot.Axes.Right);
        plot.ShowLegend(Alignment.LowerLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
