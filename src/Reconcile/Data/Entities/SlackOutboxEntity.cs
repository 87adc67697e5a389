namespace Reconcile.Data.Entities;

/// <summary>A Slack message to deliver, written in the same transaction as the change that causes it.</summary>
public sealed class SlackOutboxEntity
{
    public long Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What to call: see <see cref="OutboxKind"/>.</summary>
    public required string Kind { get; set; }

    public required string Channel { get; set; }
    public long? ExceptionId { get; set; }

    /// <summary>Thread under the message another outbox row posts (its ts is known only after delivery).</summary>
    public long? ParentOutboxId { get; set; }

    public string? ThreadTs { get; set; }
    public string? UserId { get; set; }

    /// <summary>The message body (text, blocks) as JSON.</summary>
    public required string Payload { get; set; }

    public string Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The ts Slack answered with, for later chat.update calls and thread replies.</summary>
    public string? ResultTs { get; set; }
}
