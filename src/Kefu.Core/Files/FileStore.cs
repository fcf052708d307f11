namespace Kefu.Core.Files;

/// <summary>Where uploaded files live. Nodes share it (a mounted folder) so they stay stateless.</summary>
public sealed class FileStoreOptions
{
    public string Root { get; set; } = Path.Combine("data", "files");

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>A folder-backed store keyed by opaque ids; keys never come from user input.</summary>
public sealed class FileStore(FileStoreOptions options)
{
    public async Task<string> SaveAsync(Stream content, CancellationToken ct)
    {
        var key = $"{Guid.CreateVersion7():N}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(file, ct);
        return key;
    }

    public Stream Open(string key) => new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string key) => File.Delete(PathOf(key));

    private string PathOf(string key) => Path.Combine(Path.GetFullPath(options.Root), key[..2], key);
}
