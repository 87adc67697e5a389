using Reconcile.Engine.Exceptions;

namespace Reconcile.Engine.Tests.Exceptions;

public class WireNamesTests
{
    [Theory]
    [InlineData(ExceptionState.Open, "open")]
    [InlineData(ExceptionState.Replaying, "replaying")]
    [InlineData(ExceptionState.Escalated, "escalated")]
    [InlineData(ExceptionState.Resolved, "resolved")]
    public void States_have_their_design_names(ExceptionState state, string wireName)
    {
        Assert.Equal(wireName, state.ToWireName());
        Assert.Equal(state, WireNames.ParseState(wireName));
    }

    [Theory]
    [InlineData(Resolution.Approved, "approved")]
    [InlineData(Resolution.Replayed, "replayed")]
    [InlineData(Resolution.Auto, "auto")]
    public void Resolutions_have_their_design_names(Resolution resolution, string wireName)
    {
        Assert.Equal(wireName, resolution.ToWireName());
        Assert.Equal(resolution, WireNames.ParseResolution(wireName));
    }

    [Fact]
    public void An_unknown_wire_name_is_refused()
    {
        Assert.Throws<FormatException>(() => WireNames.ParseState("closed"));
    }
}
