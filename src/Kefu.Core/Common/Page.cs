namespace Kefu.Core.Common;

/// <summary>A keyset page: <see cref="Next"/> is the opaque cursor for the following page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
