using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Files;

public static class FileRegistration
{
    /// <summary>The shared file store (attachments), configured by <paramref name="files"/>.</summary>
    public static IServiceCollection AddFiles(this IServiceCollection services, FileStoreOptions? files = null)
    {
        services.AddSingleton(files ?? new FileStoreOptions());
        services.AddSingleton<FileStore>();
        return services;
    }
}
