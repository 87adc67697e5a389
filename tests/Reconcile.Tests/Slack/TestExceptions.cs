using Reconcile.Data.Entities;

namespace Reconcile.Tests.Slack;

/// <summary>Exception rows with good defaults (a CRM promo mismatch on promo-to-billing).</summary>
public static class TestExceptions
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    public static ExceptionEntity Open(
        string orderId = "1042",
        string type = "field_mismatch",
        string system = "crm",
        string owner = "crm-owner",
        decimal valueAtRisk = 90m,
        string? diagnostics = null,
        DateTimeOffset? slaDueAt = null) => new()
    {
        Flow = "promo-to-billing",
        OrderId = orderId,
        Type = type,
        System = system,
        Attribute = "promoCode",
        Expected = "SPRING24",
        Actual = null,
        Fingerprint = $"promo-to-billing|{orderId}|{type}|{system}|promoCode",
        Owner = owner,
        OriginalOwner = owner,
        SlaDueAt = slaDueAt ?? Now.AddHours(24),
        CreatedAt = Now,
        LastSeenAt = Now,
        ValueAtRisk = valueAtRisk,
        Diagnostics = diagnostics ?? """
            {"expectedRecord":"{\"orderId\":\"1042\",\"promoCode\":\"SPRING24\"}","actualRecord":"{\"orderId\":\"1042\"}","history":[],
             "failedChecks":["promoCode missing in crm"],
             "suggestedRemediation":"Replay the promo tag from shop into the CRM."}
            """,
    };
}
