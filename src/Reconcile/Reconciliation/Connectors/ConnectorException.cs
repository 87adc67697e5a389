namespace Reconcile.Reconciliation.Connectors;

/// <summary>A system refused a call or could not be reached; transient failures are worth retrying.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectorException(string message, bool transient)
        : base(message) => Transient = transient;

    public bool Transient { get; }
}
