namespace Reconcile.Data.Entities;

public static class OutboxKind
{
    public const string Post = "post";
    public const string Update = "update";
    public const string Ephemeral = "ephemeral";
    public const string ResponseUrl = "response_url";
    public const string File = "file";
}
