using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Reconcile.Hosting.CommandLine;

/// <summary>A progress column showing the rate in the work's own unit ("8,000 rows/s"), not bytes per second.</summary>
internal sealed class RateColumn(string unit) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        var speed = task.Speed ?? 0;
        return new Text(string.Create(CultureInfo.InvariantCulture, $"{speed:N0} {unit}/s"), new Style(Color.Grey));
    }
}
