using System.Globalization;
using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Matching;

/// <summary>
/// Rules on the source record, the order as the business took it: promo eligibility and the
/// arithmetic of the total, both with the flow's money tolerance.
/// </summary>
internal static class BusinessRules
{
    public static void Check(OrderContext context)
    {
        var stored = context.Source!;
        var record = stored.Record!;
        if (record.PromoCode is { } code && context.Reference.Promotions.TryGetValue(code, out var promo))
        {
            if (promo.Campaign is not null && !string.Equals(promo.Campaign, record.Campaign, StringComparison.Ordinal))
            {
                Report(context, "promoCode.campaign", promo.Campaign, record.Campaign, record.Total,
                    $"promo {code} is for campaign {promo.Campaign}, the order is in {record.Campaign ?? "no campaign"}");
            }

            // The order date is when it was placed; systems that do not send createdAt give only updatedAt.
            var placed = record.CreatedAt ?? record.UpdatedAt;
            if (!promo.IsValidAt(placed))
            {
                var window = string.Create(CultureInfo.InvariantCulture, $"{promo.ValidFrom:u} – {promo.ValidTo:u}");
                Report(context, "promoCode.dates", window, placed.ToString("u", CultureInfo.InvariantCulture), record.Total,
                    $"promo {code} is valid {window}, the order was placed {placed:u}");
            }
        }

        if (record is { Subtotal: { } subtotal, Discount: { } discount, Tax: { } tax })
        {
            var computed = subtotal - discount + tax;
            if (Math.Abs(computed - record.Total) > context.Tolerance)
            {
                Report(context, "total", Format(computed), Format(record.Total), Math.Abs(computed - record.Total),
                    string.Create(CultureInfo.InvariantCulture,
                        $"total {record.Total} ≠ subtotal {subtotal} − discount {discount} + tax {tax} = {computed}"));
            }
        }
    }

    private static void Report(
        OrderContext context, string attribute, string? expected, string? actual, decimal atRisk, string check) =>
        context.Add(context.Factory.Create(
            FindingType.BusinessRule, 0, attribute, expected, actual, atRisk, null, context.Source, $"rule: {check}",
            $"Review with the flow owner: {check}. Correct the order in {context.Flow.Systems[0]} or approve it as is."));

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
