using System.ComponentModel.DataAnnotations;
using Kefu.Core.Security;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Kefu.Web.Features.Account;

[EnableRateLimiting(KefuHost.LoginRateLimit)]
public sealed class LoginModel(SignInManager<User> signIn, LoginGuard guard) : KefuPageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Required.")]
    [Display(Name = "Login.UserName")]
    public string? UserName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Required.")]
    [DataType(DataType.Password)]
    [Display(Name = "Login.Password")]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var check = await guard.CheckAsync(UserName!, Password!, "login page");
        switch (check.Outcome)
        {
            case LoginOutcome.Succeeded:
                await signIn.SignInAsync(check.User!, isPersistent: false);
                return LocalRedirect(SafeReturnUrl());
            case LoginOutcome.Throttled:
                return Error("Login.LockedOut");
            case LoginOutcome.Inactive:
                // Told only to whoever knows the password.
                return Error("Login.Inactive");
            default:
                return Error("Login.Failed");
        }
    }

    private PageResult Error(string key)
    {
        ModelState.AddModelError("", L[key]);
        return Page();
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
