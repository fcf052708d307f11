namespace Kefu.Web;

/// <summary>Marker for the shared string resources: Resources/SharedResource.resx (zh-CN) and SharedResource.en.resx.</summary>
public sealed class SharedResource
{
}
