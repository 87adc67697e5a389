using Serilog.Core;
using Serilog.Events;

namespace Reconcile.Hosting;

/// <summary>The last line of defence: a property named like a secret, or a string holding a token, is masked.</summary>
public sealed class SecretRedactingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (SecretNames.IsSecretName(name))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(SecretNames.Mask)));
            }
            else if (value is ScalarValue { Value: string text })
            {
                var redacted = SecretNames.RedactValue(text);
                if (!ReferenceEquals(redacted, text) && redacted != text)
                {
                    logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(redacted)));
                }
            }
        }
    }
}
