using Reconcile.Slack.Blocks;

namespace Reconcile.Tests.Slack.Blocks;

public sealed class MentionEscapeTests
{
    [Fact]
    public void A_mention_inside_ingested_values_is_escaped_in_the_notification_text()
    {
        var exception = TestExceptions.Open("<!channel>");
        exception.Attribute = "promoCode";
        exception.Expected = "SPRING24";
        exception.Actual = "<!here>";

        var message = ExceptionMessage.Build(exception, exception.Owner);

        Assert.DoesNotContain("<!channel>", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!here>", message.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;!here&gt;", message.Text, StringComparison.Ordinal);
    }
}
