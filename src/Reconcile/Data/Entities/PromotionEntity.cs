namespace Reconcile.Data.Entities;

public sealed class PromotionEntity
{
    public required string Code { get; set; }
    public string? Campaign { get; set; }
    public DateTimeOffset? ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
    public decimal? PercentOff { get; set; }
    public decimal? AmountOff { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
