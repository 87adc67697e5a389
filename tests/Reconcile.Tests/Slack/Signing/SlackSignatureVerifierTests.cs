using System.Text;
using Reconcile.Slack.Signing;

namespace Reconcile.Tests.Slack.Signing;

/// <summary>Slack's published signing example (api.slack.com "Verifying requests from Slack") and the SDKs' negative cases.</summary>
public sealed class SlackSignatureVerifierTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static readonly DateTimeOffset SlackNow = DateTimeOffset.FromUnixTimeSeconds(1531420618);
    private readonly SlackSignatureVerifier _verifier = new(Secret);

    [Fact]
    public void Slacks_published_example_is_valid()
    {
        Assert.Equal(362, Encoding.UTF8.GetByteCount(Body));
        Assert.Equal(SignatureCheck.Valid, _verifier.Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body), SlackNow));
        Assert.Equal(Signature, _verifier.Sign(Timestamp, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void A_tampered_body_is_a_mismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, _verifier.Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body + "------"), SlackNow));

    [Fact]
    public void A_different_secret_is_a_mismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, new SlackSignatureVerifier(Secret + "x").Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body), SlackNow));

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(100_000_000)]
    public void A_timestamp_more_than_five_minutes_from_now_is_stale(int secondsLater) =>
        Assert.Equal(SignatureCheck.Stale, _verifier.Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body), SlackNow.AddSeconds(secondsLater)));

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void Exactly_five_minutes_is_still_inside_the_window(int secondsLater) =>
        Assert.Equal(SignatureCheck.Valid, _verifier.Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body), SlackNow.AddSeconds(secondsLater)));

    [Theory]
    [InlineData(null, Signature)]
    [InlineData(Timestamp, null)]
    [InlineData("", "")]
    public void Missing_headers_are_refused(string? timestamp, string? signature) =>
        Assert.Equal(SignatureCheck.MissingHeaders, _verifier.Verify(timestamp, signature, Encoding.UTF8.GetBytes(Body), SlackNow));

    [Fact]
    public void Another_signature_version_is_refused() =>
        Assert.Equal(SignatureCheck.UnknownVersion, _verifier.Verify(Timestamp, "v1=" + Signature[3..], Encoding.UTF8.GetBytes(Body), SlackNow));

    [Fact]
    public void A_non_numeric_timestamp_is_refused() =>
        Assert.Equal(SignatureCheck.BadTimestamp, _verifier.Verify("15314x0618", Signature, Encoding.UTF8.GetBytes(Body), SlackNow));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_secret_cannot_build_a_verifier(string secret) =>
        Assert.ThrowsAny<ArgumentException>(() => new SlackSignatureVerifier(secret));
}
