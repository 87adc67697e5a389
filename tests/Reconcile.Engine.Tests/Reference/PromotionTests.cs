using Reconcile.Engine.Reference;

namespace Reconcile.Engine.Tests.Reference;

public class PromotionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void A_promotion_is_valid_between_its_dates_inclusive(int day, bool valid)
    {
        var promo = new Promotion("P", null, Start, Start.AddDays(30), 10m, null);

        Assert.Equal(valid, promo.IsValidAt(Start.AddDays(day)));
    }

    [Fact]
    public void Empty_reference_data_checks_nothing()
    {
        var data = ReferenceData.Empty;

        Assert.False(data.ChecksCustomers || data.ChecksProducts || data.ChecksPromotions);
        Assert.True(new ReferenceData(products: [new Product("SKU-1")]).ChecksProducts);
    }
}
