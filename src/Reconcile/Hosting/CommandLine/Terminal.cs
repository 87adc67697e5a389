namespace Reconcile.Hosting.CommandLine;

/// <summary>The command line's one door to the terminal; the service itself writes through ILogger.</summary>
public static class Terminal
{
#pragma warning disable RS0030 // Console is banned everywhere else on purpose.
    private static readonly TextWriter ConsoleOut = Console.Out;
    private static readonly TextWriter ConsoleError = Console.Error;

    public static TextWriter Out { get; set; } = ConsoleOut;
    public static TextWriter Error { get; set; } = ConsoleError;

    /// <summary>
    /// True when a person watches stderr: it is the real console and not redirected to a file or pipe.
    /// Progress then draws a live bar; otherwise it prints plain periodic lines a log can keep.
    /// </summary>
    public static bool IsInteractive => ReferenceEquals(Error, ConsoleError) && !Console.IsErrorRedirected;

    /// <summary>True when stdout is the screen itself (no <c>&gt; file</c>, no pipe).</summary>
    public static bool OutIsScreen => ReferenceEquals(Out, ConsoleOut) && !Console.IsOutputRedirected;
#pragma warning restore RS0030
}
