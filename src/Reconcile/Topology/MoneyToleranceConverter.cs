using System.ComponentModel;
using System.Globalization;

namespace Reconcile.Topology;

/// <summary>
/// Lets configuration bind <c>MoneyTolerance</c> from a plain number ("0.01"); a map of currencies binds as a
/// dictionary without it. A value that is not a number stops start-up with the configuration key in the message.
/// </summary>
public sealed class MoneyToleranceConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string text)
        {
            return base.ConvertFrom(context, culture, value);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new MoneyToleranceOptions();
        }

        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var everywhere)
            ? MoneyToleranceOptions.Of(everywhere)
            : throw new FormatException($"'{text}' is not a decimal number nor a map of ISO 4217 codes to numbers");
    }
}
