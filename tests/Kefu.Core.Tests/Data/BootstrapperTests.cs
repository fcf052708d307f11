using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Tests.Data;

public class BootstrapperTests
{
    [Fact]
    public void GeneratePassword_Always_HasTwentyCharactersOfEveryClass()
    {
        for (var i = 0; i < 500; i++)
        {
            var password = Bootstrapper.GeneratePassword();

            Assert.Equal(20, password.Length);
            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.Contains(password, char.IsAsciiLetterUpper);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.Contains(password, ch => !char.IsAsciiLetterOrDigit(ch));
        }
    }

    [Fact]
    public void GeneratePassword_ManyCalls_AreDistinct()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => Bootstrapper.GeneratePassword()).ToList();

        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task GeneratePassword_CheckedByIdentityDefaultPolicy_Succeeds()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICallerAccessor>(new FixedCallerAccessor(Caller.System));
        services.AddKefuCore(new DatabaseOptions { ConnectionString = "Data Source=:memory:" });
        services.AddIdentityCore<User>().AddRoles<Role>().AddEntityFrameworkStores<KefuDb>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        Assert.NotEmpty(users.PasswordValidators);

        for (var i = 0; i < 100; i++)
        {
            var password = Bootstrapper.GeneratePassword();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, new User { UserName = "u" }, password);
                Assert.True(result.Succeeded, $"{password}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
        }
    }
}
