using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kefu.Core.Common;

/// <summary>
/// Rules every JSON input obeys, whatever the endpoint: applied once, as a <see cref="JsonTypeInfo"/> modifier, to the serializer
/// options that read request bodies (the app's HTTP JSON options, scheme settings). After an object is read it refuses
/// <list type="bullet">
/// <item>a <c>null</c> element in a list, array or set whose element type is not nullable (<c>IReadOnlyList&lt;string&gt;</c>,
/// <c>List&lt;DayHoursDto&gt;</c>; from the nullable annotations, so <c>List&lt;string?&gt;</c> keeps its nulls), and a <c>null</c>
/// value in such a dictionary;</item>
/// <item>a NUL character (U+0000) in any string: property values, list elements, dictionary keys and values, and strings inside
/// free JSON (<see cref="JsonElement"/>). PostgreSQL cannot store it in text, and no input means it.</item>
/// </list>
/// The refusal is a <see cref="JsonInputException"/>; <see cref="FieldOf"/> names the element as the API spells fields
/// (<c>roles[0]</c>, <c>settings.cuts[0]</c>, <c>contacts[1].name</c>).
/// </summary>
public static class JsonInput
{
    public const string NullElement = "Must not be null.";

    public const string NulCharacter = "Must not contain a NUL character (U+0000).";

    /// <summary>The modifier: add it to a resolver's <c>Modifiers</c> (or <c>WithAddedModifier</c>).</summary>
    public static void Strict(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var nullability = new NullabilityInfoContext();
        var checks = new List<(JsonPropertyInfo Property, Check Check)>();
        foreach (var property in typeInfo.Properties)
        {
            if (property.Get is not null && CheckOf(property, nullability) is { } check)
            {
                checks.Add((property, check));
            }
        }

        if (checks.Count == 0)
        {
            return;
        }

        var previous = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (var (property, check) in checks)
            {
                if (property.Get!(value) is { } v && check(v) is { } refused)
                {
                    throw new JsonInputException(refused.Message, Join(property.Name, refused.Path));
                }
            }
        };
    }

    /// <summary>Serializer options for reading input outside the HTTP pipeline (web defaults) with <see cref="Strict"/> applied.</summary>
    public static JsonSerializerOptions StrictOptions(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Strict);
        return options;
    }

    /// <summary>The field a JSON read error is about, as the API names fields: <c>user.roles[0]</c>; <c>body</c> for the whole body.</summary>
    public static string FieldOf(JsonException exception, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path ?? "";
        path = path.StartsWith('$') ? path[1..] : path;
        path = path.StartsWith('.') ? path[1..] : path;
        if (exception is JsonInputException input)
        {
            path = Join(path, input.Element);
        }

        path = Join(root ?? "", path);
        return path.Length == 0 ? "body" : path;
    }

    private delegate Refusal? Check(object value);

    private static Check? CheckOf(JsonPropertyInfo property, NullabilityInfoContext nullability)
    {
        var type = property.PropertyType;
        if (type == typeof(string))
        {
            return v => HasNul((string)v) ? new Refusal(NulCharacter, "") : null;
        }

        if (Nullable.GetUnderlyingType(type) == typeof(JsonElement) || type == typeof(JsonElement))
        {
            return v => NulIn((JsonElement)v, "");
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type) || (!type.IsArray && !type.IsGenericType))
        {
            return null;
        }

        var info = property.AttributeProvider switch
        {
            PropertyInfo p => nullability.Create(p),
            FieldInfo f => nullability.Create(f),
            _ => null,
        };
        var elementInfo = info is null ? null : type.IsArray ? info.ElementType : info.GenericTypeArguments.LastOrDefault();
        var elementType = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().Last();
        var nonNull = !elementType.IsValueType && elementInfo?.ReadState == NullabilityState.NotNull;
        var strings = elementType == typeof(string);
        var dictionary = typeof(IDictionary).IsAssignableFrom(type) || type.GetInterfaces().Append(type)
            .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)));
        if (!nonNull && !strings && !dictionary)
        {
            return null;
        }

        return dictionary ? v => CheckDictionary((IEnumerable)v, nonNull, strings) : v => CheckList((IEnumerable)v, nonNull, strings);
    }

    private static Refusal? CheckList(IEnumerable list, bool nonNull, bool strings)
    {
        var i = 0;
        foreach (var element in list)
        {
            if (element is null && nonNull)
            {
                return new Refusal(NullElement, $"[{i}]");
            }

            if (strings && element is string s && HasNul(s))
            {
                return new Refusal(NulCharacter, $"[{i}]");
            }

            i++;
        }

        return null;
    }

    private static Refusal? CheckDictionary(IEnumerable dictionary, bool nonNull, bool strings)
    {
        foreach (var entry in dictionary)
        {
            var (key, value) = entry switch
            {
                DictionaryEntry d => (d.Key, d.Value),
                _ => (entry.GetType().GetProperty("Key")?.GetValue(entry), entry.GetType().GetProperty("Value")?.GetValue(entry)),
            };
            var name = key?.ToString() ?? "";
            if (HasNul(name))
            {
                return new Refusal(NulCharacter, "");
            }

            if ((value is null && nonNull) || (strings && value is string s && HasNul(s)))
            {
                return new Refusal(value is null ? NullElement : NulCharacter, name);
            }
        }

        return null;
    }

    private static Refusal? NulIn(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return HasNul(element.GetString()!) ? new Refusal(NulCharacter, path) : null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (NulIn(item, $"{path}[{i++}]") is { } refused)
                    {
                        return refused;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (HasNul(property.Name))
                    {
                        return new Refusal(NulCharacter, path);
                    }

                    if (NulIn(property.Value, Join(path, property.Name)) is { } refused)
                    {
                        return refused;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool HasNul(string text) => text.Contains('\0', StringComparison.Ordinal);

    private static string Join(string prefix, string path) =>
        prefix.Length == 0 ? path : path.Length == 0 ? prefix : path[0] == '[' ? prefix + path : prefix + "." + path;

    private sealed record Refusal(string Message, string Path);
}

/// <summary>A JSON input refused by <see cref="JsonInput.Strict"/>; <see cref="Element"/> is the path below the object it was found in.</summary>
public sealed class JsonInputException : JsonException
{
    public JsonInputException()
    {
        Element = "";
    }

    public JsonInputException(string message)
        : base(message)
    {
        Element = "";
    }

    public JsonInputException(string message, Exception inner)
        : base(message, inner)
    {
        Element = "";
    }

    public JsonInputException(string message, string element)
        : base(message)
    {
        Element = element;
    }

    public string Element { get; }
}
