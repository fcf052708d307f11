using Kefu.Core.Security;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Features.Users;

public sealed class IndexModel(UserService users) : KefuPageModel
{
    public IReadOnlyList<UserDto> Users { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await users.ListAsync(Caller, null, ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Users = result.Value;
        return Page();
    }
}
