using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Kefu.Core.Data;
using Kefu.Core.Notifications;
using Kefu.Core.Security;
using Kefu.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Scalar.AspNetCore;

namespace Kefu.Web;

/// <summary>Service registration and the request pipeline, kept out of Program.cs so it reads as a table of contents.</summary>
public static class KefuHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string LoginRateLimit = "login";
    public const string StaffPolicy = "staff";
    public const string AdminPolicy = "admin";
    public const string EditorPolicy = "customer-editor";
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static void AddKefu(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        var db = new DatabaseOptions
        {
            Provider = Enum.Parse<DatabaseProvider>(config["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite), ignoreCase: true),
            ConnectionString = config.GetConnectionString("Kefu") ?? "",
        };
        if (string.IsNullOrWhiteSpace(db.ConnectionString))
        {
            db.ConnectionString = $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "data", "kefu.db")}";
        }

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<ICallerAccessor, HttpCallerAccessor>();
        // Handlers take the signed-in user as a parameter: `Caller caller` binds from here.
        services.AddScoped(sp => sp.GetRequiredService<ICallerAccessor>().Caller);
        services.AddScoped<IRequestOrigin, HttpRequestOrigin>();
        services.AddSingleton(config.GetSection("Kefu:LoginThrottle").Get<LoginThrottleOptions>() ?? new LoginThrottleOptions());
        var files = config.GetSection("Files").Get<Kefu.Core.Files.FileStoreOptions>() ?? new Kefu.Core.Files.FileStoreOptions();
        files.Root = Path.Combine(builder.Environment.ContentRootPath, files.Root);
        services.AddKefuCore(db, config.GetSection("Mail").Get<MailOptions>() ?? new MailOptions(), files);
        services.AddHostedService<MailDeliveryWorker>();
        services.AddHostedService<TransactionImportWorker>();
        services.AddKefuScheduler(config, db);
        services.AddHostedService<ClassificationWorker>();

        services.AddIdentityCore<User>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<KefuDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<KefuClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "smart";
                o.DefaultChallengeScheme = "smart";
            })
            .AddPolicyScheme("smart", "cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                IsBearer(ctx.Request) ? BearerTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Denied";
            o.Cookie.Name = "kefu.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = CookieSessions.ValidateAsync;
            o.Events.OnRedirectToLogin = ctx => ApiStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiStatus(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, SecurityAuthorizationResultHandler>();
        if (config["Kefu:TrustedProxies"] is { Length: > 0 } proxies)
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
                foreach (var proxy in proxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
                }
            });
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireRole(Roles.Staff))
            .AddPolicy(EditorPolicy, p => p.RequireRole(Roles.CustomerEditors))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Administrator));

        services.AddDataProtection().SetApplicationName("Kefu").PersistKeysToDbContext<KefuDb>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Kefu:LoginAttemptsPerMinute", 20), Window = TimeSpan.FromMinutes(1) }));
        });

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/", StaffPolicy);
                o.Conventions.AllowAnonymousToFolder("/Account");
                o.Conventions.AuthorizeFolder("/Organization", AdminPolicy);
                o.Conventions.AuthorizeFolder("/Users", AdminPolicy);
                o.Conventions.AuthorizeFolder("/Audit", AdminPolicy);
                o.Conventions.AuthorizeFolder("/RequestTypes", AdminPolicy);
                o.Conventions.AuthorizeFolder("/Scheduling", AdminPolicy);
            })
            .WithRazorPagesRoot("/Features")
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            // One rule for every body: no null element in a list of non-nullable elements, no NUL character in any string.
            Kefu.Core.Common.JsonInput.StrictOptions(o.SerializerOptions);
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddKefuOpenApi();
        services.AddHealthChecks().AddDbContextCheck<KefuDb>("database");
    }

    public static void UseKefu(this WebApplication app)
    {
        // Pages show and read dates and times in the organisation's time zone, the one business rules count days in.
        Kefu.Web.Features.Shared.Labels.Zone = app.Services.GetRequiredService<Kefu.Core.Common.BusinessDate>().Zone;

        if (!string.IsNullOrEmpty(app.Configuration["Kefu:TrustedProxies"]))
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<AccessDeniedLog>();
        app.UseMiddleware<ApiAntiforgery>();
        app.UseAuthorization();
        app.UseMiddleware<ContentCharset>();
        app.UseMiddleware<NulCharacters>();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("Kefu API").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts()).AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
    }

    /// <summary>Migrates, creates the first administrator and demo data, and prints how to log in.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var config = app.Configuration;
        KefuDbRegistration.EnsureSqliteFolder(app.Services.GetRequiredService<DatabaseOptions>());
        await using var scope = app.Services.CreateAsyncScope();
        var boot = scope.ServiceProvider.GetRequiredService<Bootstrapper>();
        await boot.MigrateAsync();
        var admin = await boot.EnsureAdministratorAsync(config["KEFU_ADMIN_USER"], config["KEFU_ADMIN_PASSWORD"]);
        var demo = scope.ServiceProvider.GetRequiredService<DemoData>();
        var demoPassword = admin?.Password ?? config["KEFU_DEMO_PASSWORD"];
        if (config.GetValue("Kefu:DemoData", false) && !await demo.HasOrganisationAsync() && demoPassword is not null)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await demo.EnsureOrganisationAsync(demoPassword);
            await demo.AddCustomersAsync(config.GetValue("Kefu:DemoCustomers", 200));
            var activity = config.GetValue("Kefu:DemoActivity", true) ? await demo.AddActivityAsync() : null;
            Console.WriteLine($"Demo data created: users {string.Join(", ", DemoData.Users.Select(u => u.UserName))} share the administrator's password.");
            if (activity is not null)
            {
                Console.WriteLine(
                    $"Demo activity: {activity.Requests} service requests ({activity.PendingApprovals} waiting for approval, {activity.Breaches} SLA breaches), " +
                    $"{activity.Contracts} maintenance contracts, {activity.Notifications} notifications, two classification runs.");
            }

            Console.WriteLine($"Demo data took {clock.Elapsed.TotalSeconds:0.0} s.");
        }

        if (admin is not null)
        {
            Console.WriteLine($"Administrator created. User name: {admin.UserName}");
            Console.WriteLine(admin.PasswordGenerated
                ? $"Password (shown once, write it down): {admin.Password}"
                : "Password: the one given in KEFU_ADMIN_PASSWORD");
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            Console.WriteLine($"Kefu is running at {urls} — open it in a browser and log in.");
        });
    }

    /// <summary>A call that authenticates with <c>Authorization: Bearer</c> (never with the login cookie).</summary>
    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static Task ApiStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
