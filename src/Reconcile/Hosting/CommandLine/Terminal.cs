namespace Reconcile.Hosting.CommandLine;

/// <summary>The command line's one door to the terminal; the service itself writes through ILogger.</summary>
public static class Terminal
{
#pragma warning disable RS0030 // Console is banned everywhere else on purpose.
    public static TextWriter Out { get; set; } = Console.Out;
    public static TextWriter Error { get; set; } = Console.Error;
#pragma warning restore RS0030
}
