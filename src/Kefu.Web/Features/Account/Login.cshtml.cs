using System.ComponentModel.DataAnnotations;
using Kefu.Core.Security;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Kefu.Web.Features.Account;

[EnableRateLimiting(KefuHost.LoginRateLimit)]
public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users) : KefuPageModel
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

        var user = await users.FindByNameAsync(UserName!.Trim());
        if (user is not null && !user.IsActive)
        {
            // Check the password (counting failures) before telling that the account is inactive.
            var check = await signIn.CheckPasswordSignInAsync(user, Password!, lockoutOnFailure: true);
            return Error(check.IsLockedOut ? "Login.LockedOut" : check.Succeeded ? "Login.Inactive" : "Login.Failed");
        }

        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        return Error(result.IsLockedOut ? "Login.LockedOut" : result.IsNotAllowed ? "Login.NotAllowed" : "Login.Failed");
    }

    private PageResult Error(string key)
    {
        ModelState.AddModelError("", L[key]);
        return Page();
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
