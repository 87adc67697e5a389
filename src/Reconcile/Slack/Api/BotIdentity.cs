namespace Reconcile.Slack.Api;

/// <summary>
/// The bot's own Slack user id (auth.test's <c>user_id</c>), asked once and kept; needed to tell the bot's own
/// <c>member_joined_channel</c> from anyone else's. Null while Slack cannot be asked (the next call tries again).
/// </summary>
public sealed class BotIdentity(IServiceScopeFactory scopes, ILogger<BotIdentity> logger)
{
    private string? _userId;

    public async Task<string?> UserIdAsync(CancellationToken cancellationToken)
    {
        if (_userId is not null)
        {
            return _userId;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var answer = await scope.ServiceProvider.GetRequiredService<SlackApiClient>().AuthTestAsync(cancellationToken);
            _userId = answer.Property("user_id");
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("auth.test failed ({SlackError}); the bot's user id is not known yet", ex.Error);
        }

        return _userId;
    }
}
