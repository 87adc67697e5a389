using System.Reflection;
using Serilog.Core;
using Serilog.Events;

namespace Reconcile.Hosting;

/// <summary>
/// Destructures our own types (options, payloads) with every secret-sounding property masked,
/// so `{@Options}` can never write a token, signing secret or connection string.
/// </summary>
public sealed class SecretRedactionPolicy : IDestructuringPolicy
{
    public bool TryDestructure(object value, ILogEventPropertyValueFactory propertyValueFactory, out LogEventPropertyValue result)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(propertyValueFactory);
        var type = value.GetType();
        if (type.Namespace?.StartsWith("Reconcile", StringComparison.Ordinal) != true || type.IsEnum)
        {
            result = null!;
            return false;
        }

        var properties = new List<LogEventProperty>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var raw = property.GetValue(value);
            var logged = SecretNames.IsSecretName(property.Name) && raw is not null
                ? new ScalarValue(SecretNames.Mask)
                : propertyValueFactory.CreatePropertyValue(raw, destructureObjects: true);
            properties.Add(new LogEventProperty(property.Name, logged));
        }

        result = new StructureValue(properties, type.Name);
        return true;
    }
}
