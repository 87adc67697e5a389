using Reconcile.Engine.Records;

namespace Reconcile.Engine.Simulation;

/// <summary>One order being built: the shop's record and each system's copy, before they become payloads.</summary>
internal sealed class SimulatedOrder(OrderRecord shop, DateTimeOffset shopReceivedAt)
{
    public OrderRecord? Shop { get; set; } = shop;

    public DateTimeOffset ShopReceivedAt { get; set; } = shopReceivedAt;

    public List<SimulatedCopy> Copies { get; } = [];

    public string OrderId => Shop?.OrderId ?? Copies[0].Record.OrderId;

    public int IndexOf(string system) => Copies.FindIndex(c => c.System == system);
}
