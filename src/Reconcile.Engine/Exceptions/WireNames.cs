namespace Reconcile.Engine.Exceptions;

/// <summary>The JSON / database names of the lifecycle enums.</summary>
public static class WireNames
{
    public static string ToWireName(this ExceptionState state) => state switch
    {
        ExceptionState.Open => "open",
        ExceptionState.Replaying => "replaying",
        ExceptionState.Escalated => "escalated",
        ExceptionState.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string ToWireName(this Resolution resolution) => resolution switch
    {
        Resolution.Approved => "approved",
        Resolution.Replayed => "replayed",
        Resolution.Auto => "auto",
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, null),
    };

    public static ExceptionState ParseState(string wireName) => wireName switch
    {
        "open" => ExceptionState.Open,
        "replaying" => ExceptionState.Replaying,
        "escalated" => ExceptionState.Escalated,
        "resolved" => ExceptionState.Resolved,
        _ => throw new FormatException($"Unknown exception state '{wireName}'."),
    };

    public static Resolution ParseResolution(string wireName) => wireName switch
    {
        "approved" => Resolution.Approved,
        "replayed" => Resolution.Replayed,
        "auto" => Resolution.Auto,
        _ => throw new FormatException($"Unknown resolution '{wireName}'."),
    };
}
