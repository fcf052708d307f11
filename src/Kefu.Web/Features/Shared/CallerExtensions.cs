using Kefu.Core.Security;
using Kefu.Web.Infrastructure;

namespace Kefu.Web.Features.Shared;

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) => HttpCallerAccessor.From(context.User);
}
