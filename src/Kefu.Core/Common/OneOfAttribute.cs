using System.Reflection;
using Kefu.Core.Customers;

namespace Kefu.Core.Common;

/// <summary>
/// The fixed set of values a string field or parameter takes: the kebab-case names of an enum (what the validators accept),
/// the string constants of a class (e.g. <see cref="Security.Roles"/>), or a list. The API's OpenAPI document lists them as the field's <c>enum</c>, so a client never has to guess.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field, AllowMultiple = false)]
public sealed class OneOfAttribute : Attribute
{
    public OneOfAttribute(Type valuesType)
    {
        ArgumentNullException.ThrowIfNull(valuesType);
        Values = valuesType.IsEnum
            ? Enum.GetNames(valuesType).Select(EnumNames.ToApi).ToArray()
            : valuesType.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();
    }

    /// <summary>The values of a static list, e.g. the sort orders a list accepts.</summary>
    public OneOfAttribute(Type type, string member)
    {
        ArgumentNullException.ThrowIfNull(type);
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
        var list = type.GetProperty(member, flags)?.GetValue(null) ?? type.GetField(member, flags)?.GetValue(null);
        Values = ((IEnumerable<string>)(list ?? throw new ArgumentException($"{type.Name}.{member} is not a static list.", nameof(member)))).ToArray();
    }

    public OneOfAttribute(params string[] values) => Values = values;

    public IReadOnlyList<string> Values { get; }
}
