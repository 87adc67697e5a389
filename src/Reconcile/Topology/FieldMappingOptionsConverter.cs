using System.ComponentModel;
using System.Globalization;

namespace Reconcile.Topology;

/// <summary>
/// Lets configuration spell a mapping as a bare pointer (<c>"orderId": "/id"</c>): the configuration
/// binder converts a section that holds a plain value through the type's converter.
/// </summary>
public sealed class FieldMappingOptionsConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string pointer ? new FieldMappingOptions { Pointer = pointer } : base.ConvertFrom(context, culture, value);
}
