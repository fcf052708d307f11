using Kefu.Core.Security;
using Kefu.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Features.Account;

/// <summary>
/// Signs out and ends the user's sessions on the server: the security stamp rotates, so the login cookie is dead
/// even if it was copied (every browser of that user signs in again).
/// </summary>
public sealed class LogoutModel(SignInManager<User> signIn, UserManager<User> users, ILoggerFactory loggers) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is User user)
        {
            await users.UpdateSecurityStampAsync(user);
            SecurityLog.Logout(loggers.CreateLogger(SecurityLog.Category), user.UserName!, HttpRequestOrigin.Of(HttpContext));
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
