namespace Reconcile.Tests.Infrastructure;

public static class TestSecrets
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string AdminToken = "test-admin-token";
    public const string BotToken = "xoxb-test-bot-token";
}
