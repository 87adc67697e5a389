namespace Reconcile.Tests.Slack.Fakes;

/// <summary>One scripted answer of the fake Slack Web API. Null body: the default ok answer.</summary>
public sealed record FakeReply(int Status, string? Body, int? RetryAfterSeconds = null, TimeSpan Delay = default, bool PostsFirst = false)
{
    /// <summary>chat.postMessage posts the message (it is in the channel's history) and then answers <paramref name="failure"/>.</summary>
    public static FakeReply PostedThen(FakeReply failure) => failure with { PostsFirst = true };

    /// <summary>An ok answer that arrives only after <paramref name="delay"/> (to trip the client's timeout).</summary>
    public static FakeReply Slow(TimeSpan delay) => new(200, null, Delay: delay);

    public static FakeReply Ok() => new(200, null);

    public static FakeReply RateLimited(int retryAfterSeconds) => new(429, """{"ok":false,"error":"ratelimited"}""", retryAfterSeconds);

    public static FakeReply ServerError(int status = 500) => new(status, "upstream trouble");

    public static FakeReply Error(string code, params string[] messages) =>
        new(200, System.Text.Json.JsonSerializer.Serialize(new { ok = false, error = code, response_metadata = new { messages } }));
}
