using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Engine.Records;
using Reconcile.Slack.Blocks;
using Reconcile.Workflow;

namespace Reconcile.Slack.Commands;

/// <summary>The reply to <c>/recon status &lt;orderId&gt;</c>: a line per system copy, then a line per exception.</summary>
public static class OrderStatusMessage
{
    public static SlackMessage Build(string orderId, IReadOnlyList<string> systems, IReadOnlyList<RecordEntity> records, IReadOnlyList<ExceptionEntity> exceptions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(exceptions);
        var lines = new List<string> { $"*Order {SlackText.Escape(orderId)}* across systems" };
        foreach (var system in systems.Union(records.Select(r => r.System), StringComparer.Ordinal))
        {
            var copies = records.Where(r => r.System == system).ToList();
            lines.AddRange(copies.Count == 0 ? [$"• *{SlackText.Escape(system)}*: _no record_"] : copies.Select(Line));
        }

        var open = exceptions.Count(e => e.State != ExceptionState.Resolved);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"*Exceptions* ({exceptions.Count}, {open} unresolved)"));
        lines.AddRange(exceptions.Count == 0 ? ["_none_"] : exceptions.Select(e => Line(e, now)));
        var text = string.Join('\n', lines);
        var fallback = string.Create(CultureInfo.InvariantCulture, $"Order {orderId}: {records.Count} system copies, {exceptions.Count} exception(s), {open} unresolved");
        return new SlackMessage(fallback, new JsonArray { BlockKit.Section(text) });
    }

    private static string Line(RecordEntity record)
    {
        var name = string.IsNullOrEmpty(record.ExternalId) || record.ExternalId.StartsWith("unidentified-", StringComparison.Ordinal)
            ? record.System
            : $"{record.System} ({record.ExternalId})";
        var details = Parse(record.Payload) is { } order
            ? $"total {SlackText.Money(order.Total)} {SlackText.Escape(order.Currency)} · status {SlackText.Escape(order.Status ?? "–")} · updated {SlackText.Date(order.UpdatedAt)}"
            : "unreadable payload";
        var quarantine = record.Quarantined ? $" · :warning: quarantined: {SlackText.Escape(SlackText.Truncate(record.QuarantineReason, 200))}" : "";
        return $"• *{SlackText.Escape(name)}*: {details} · received {SlackText.Date(record.ReceivedAt)}{quarantine}";
    }

    private static string Line(ExceptionEntity e, DateTimeOffset now)
    {
        var attribute = string.IsNullOrEmpty(e.Attribute) ? "" : $" ({SlackText.Escape(e.Attribute)})";
        var state = e.State == ExceptionState.Resolved
            ? $"*resolved* ({SlackText.Escape(e.Resolution?.ToWireName())}) by {SlackText.Actor(e.ResolvedBy)}"
            : $"*{e.State.ToWireName()}* · owner {SlackText.Escape(e.Owner)} · due {SlackText.Date(e.SlaDueAt)}{(e.SlaDueAt < now ? " :warning: overdue" : "")}";
        return string.Create(CultureInfo.InvariantCulture, $"• #{e.Id} {SlackText.Escape(e.Type)} in {SlackText.Escape(e.System)}{attribute} · {SlackText.Escape(e.Flow)} — {state}");
    }

    private static OrderRecord? Parse(string? payload)
    {
        if (payload is null)
        {
            return null;
        }

        try
        {
            return CanonicalJson.Deserialize(payload);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
