using Reconcile.Engine.Findings;
using Reconcile.Engine.Matching;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Matching;

public class StaleSourceCheckTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(2);

    [Theory]
    [InlineData(30, true, false)]
    [InlineData(120, true, false)]
    [InlineData(121, true, true)]
    [InlineData(600, false, false)]
    public void A_silent_system_is_stale_only_past_its_window_in_business_hours(int silentMinutes, bool businessHours, bool stale)
    {
        var finding = StaleSourceCheck.Check(
            "promo-to-billing", "crm", "crm-owner", Orders.Now.AddMinutes(-silentMinutes), Window, Orders.Now, businessHours);

        Assert.Equal(stale, finding is not null);
    }

    [Fact]
    public void A_system_that_never_sent_anything_is_stale()
    {
        var finding = StaleSourceCheck.Check("promo-to-billing", "crm", "crm-owner", null, Window, Orders.Now, true);

        Assert.NotNull(finding);
        Assert.Equal((FindingType.StaleSource, "crm", "crm-owner", ""), (finding.Type, finding.System, finding.Owner, finding.OrderId));
        Assert.Equal("promo-to-billing||stale_source|crm|", finding.Fingerprint);
    }
}
