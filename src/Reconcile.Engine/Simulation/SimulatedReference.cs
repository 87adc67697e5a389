using System.Globalization;
using Reconcile.Engine.Reference;

namespace Reconcile.Engine.Simulation;

/// <summary>The simulated catalog, customers and promotions; the same for every seed.</summary>
public static class SimulatedReference
{
    public const int Customers = 500;
    public const int Products = 60;
    public const string SpringPromo = "SPRING24";
    public const string WelcomePromo = "WELCOME5";
    public const string SummerPromo = "SUMMER24";
    public const string SpringCampaign = "spring-email";
    public const string SummerCampaign = "summer-social";

    public static string CustomerId(int index) => string.Create(CultureInfo.InvariantCulture, $"C-{index:D4}");

    public static string Sku(int index) => string.Create(CultureInfo.InvariantCulture, $"SKU-{index:D3}");

    /// <summary>Prices between 5.99 and 194.99, spread deterministically over the catalog.</summary>
    public static decimal ListPrice(int index) => 5.99m + (index * 37 % 190);

    public static ReferenceData Create(DateTimeOffset now)
    {
        var customers = Enumerable.Range(1, Customers).Select(CustomerId);
        var products = Enumerable.Range(1, Products).Select(i => new Product(Sku(i), ListPrice(i)));
        Promotion[] promotions =
        [
            new(SpringPromo, SpringCampaign, now.AddDays(-60), now.AddDays(30), 10m, null),
            new(WelcomePromo, null, null, null, null, 5m),
            new(SummerPromo, SummerCampaign, now.AddDays(-180), now.AddDays(-90), 15m, null),
        ];
        return new ReferenceData(customers, products, promotions);
    }
}
