namespace Kefu.Core.Common;

public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Unauthorized,
}

/// <summary>An expected failure. <see cref="Code"/> is a resource key; the message is its zh-CN/en text at the edge.</summary>
public sealed record Error(ErrorKind Kind, string Code, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static Error NotFound(string what) => new(ErrorKind.NotFound, "Error.NotFound", what);

    public static Error Forbidden() => new(ErrorKind.Forbidden, "Error.Forbidden", "You may not do this.");

    public static Error Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    public static Error StaleVersion() =>
        new(ErrorKind.Conflict, "Error.StaleVersion", "The record was changed by someone else; reload it and try again.");

    public static Error Validation(IReadOnlyDictionary<string, string[]> fields) =>
        new(ErrorKind.Validation, "Error.Validation", "One or more fields are invalid.", fields);

    public static Error Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });
}
