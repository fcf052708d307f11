using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kefu.Core.Notifications;
using Kefu.Core.Security;
using Kefu.Web.Infrastructure;
using Kefu.Web.Tests.ApiContract;
using Kefu.Web.Tests.Contracts;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Kefu.Web.Tests.Security;

/// <summary>
/// Issue 19 point 10: every API operation (read from the app's endpoints, so a new one is covered without editing this test)
/// × anonymous, a user of each role, users of another unit, the owner of personal records, cookies of a logged-out, a
/// deactivated and a demoted administrator, and a live cookie without its antiforgery token. The expected answer of each
/// call is computed from the operation's <see cref="AccessRule"/> (declared next to its Map call); an endpoint without one
/// fails. Path parameters are real records of RC-A (and the owner's personal records), so another unit's user must get 404.
/// </summary>
public abstract class AuthorizationMatrixTests(SecurityApp app, ITestOutputHelper output)
{
    private const string Password = KefuApp.UserPassword;

    private enum Expect
    {
        Allowed,
        Unauthorized,
        Forbidden,
        NotFound,
        Antiforgery,
    }

    private enum CallerKind
    {
        Anonymous,
        Role,
        DeadCookie,
        CookieWithoutAntiforgery,
    }

    [Fact]
    public async Task EveryApiOperation_AnswersEveryCaller_AsItsDeclaredAccessRuleSays()
    {
        var operations = Operations();
        var undeclared = operations.Where(o => o.Rule is null).Select(o => o.Name).ToList();
        Assert.True(undeclared.Count == 0, "API endpoints without an access rule (add .Allow(roles, scope) next to the Map call): " + string.Join(", ", undeclared));
        var document = await ApiDocument.ReadAsync(app);
        var records = await Records.CreateAsync(app);
        var callers = await CallersAsync(records);
        var findings = new List<string>();
        var calls = 0;
        try
        {
            foreach (var operation in operations.OrderBy(o => o.Method == HttpMethod.Delete).ThenBy(o => o.Name, StringComparer.Ordinal))
            {
                var (url, reaches, form) = operation.Url(records, document);
                var inconsistent = Inconsistency(operation, reaches);
                if (inconsistent is not null)
                {
                    findings.Add(inconsistent);
                }

                var deleted = false;
                foreach (var caller in callers)
                {
                    var expected = Expected(operation, reaches, caller);
                    using var response = await caller.SendAsync(operation.Method, url, form);
                    calls++;
                    var body = await response.Content.ReadAsStringAsync();
                    var finding = Check(operation, caller, expected, response, body, deleted, records, reaches);
                    if (finding is null && expected == Expect.NotFound && response.StatusCode != HttpStatusCode.NotFound)
                    {
                        // The use case checked the body first: the answer must not tell the record apart from one that does not exist.
                        var (missingUrl, _, _) = operation.Url(records, document, missing: true);
                        using var missing = await caller.SendAsync(operation.Method, missingUrl, form);
                        calls++;
                        finding = await SameAsMissingAsync(response, body, missing);
                    }
                    if (finding is not null)
                    {
                        findings.Add($"{operation.Method} {url} as {caller.Name}: {finding}");
                    }

                    deleted |= operation.Method == HttpMethod.Delete && response.IsSuccessStatusCode;
                }
            }
        }
        finally
        {
            foreach (var caller in callers)
            {
                caller.Dispose();
            }
        }

        output.WriteLine($"authorization matrix ({app.Provider}): {operations.Count} operations × {callers.Count} callers = {calls} calls, {findings.Count} findings");
        Assert.True(findings.Count == 0, $"{findings.Count} of {calls} calls differ from the declared rules:\n" + string.Join("\n", findings.Take(60)));
    }

    private List<Operation> Operations()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return (from endpoint in endpoints
                where endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
                from method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []
                select new Operation(new HttpMethod(method), endpoint.RoutePattern, endpoint.Metadata.GetMetadata<AccessRule>()))
            .ToList();
    }

    private static Expect Expected(Operation operation, IReadOnlySet<AccessScope> reaches, Caller caller)
    {
        var rule = operation.Rule!;
        if (rule.Anonymous)
        {
            return Expect.Allowed;
        }

        switch (caller.Kind)
        {
            case CallerKind.Anonymous or CallerKind.DeadCookie:
                return Expect.Unauthorized;
            case CallerKind.CookieWithoutAntiforgery when operation.Method != HttpMethod.Get:
                return Expect.Antiforgery;
        }

        if (!rule.Allows(caller.Role!))
        {
            return Expect.Forbidden;
        }

        if (rule.Scope == AccessScope.Unit && reaches.Contains(AccessScope.Unit) && caller.OtherUnit)
        {
            return Expect.NotFound;
        }

        var ownRecord = reaches.Contains(AccessScope.Own);
        if (ownRecord && !caller.Owner
            && (rule.Scope == AccessScope.Own || (rule.Scope == AccessScope.OwnOrAdministrator && caller.Role != Roles.Administrator)))
        {
            return Expect.NotFound;
        }

        return Expect.Allowed;
    }

    /// <summary>A path that reaches a unit's or a user's records must say so in its rule (and only then).</summary>
    private static string? Inconsistency(Operation operation, IReadOnlySet<AccessScope> reaches)
    {
        var scope = operation.Rule!.Scope;
        if (reaches.Contains(AccessScope.Unit) && scope != AccessScope.Unit)
        {
            return $"{operation.Name}: its path reaches a unit's records but its rule declares scope {scope}";
        }

        if (reaches.Contains(AccessScope.Own) && scope is not (AccessScope.Own or AccessScope.OwnOrAdministrator))
        {
            return $"{operation.Name}: its path reaches a user's own records but its rule declares scope {scope}";
        }

        return null;
    }

    private static string? Check(
        Operation operation, Caller caller, Expect expected, HttpResponseMessage response, string body, bool deleted, Records records, IReadOnlySet<AccessScope> reaches)
    {
        var status = (int)response.StatusCode;
        var got = $"got {status} {(body.Length > 200 ? body[..200] : body)}";
        if (status >= 500)
        {
            return $"expected {expected}, {got}";
        }

        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        switch (expected)
        {
            case Expect.Unauthorized when status != 401 || !problem:
            case Expect.Forbidden when status != 403 || !problem:
            case Expect.NotFound when (status == 404 && !problem) || status is 401 or 403 || status < 400:
            case Expect.Antiforgery when status != 400 || !body.Contains(ApiAntiforgery.Code, StringComparison.Ordinal):
                return $"expected {expected} (problem+json), {got}";
            case Expect.Allowed:
                if (status == 403 || (status == 401 && !operation.Rule!.Anonymous))
                {
                    return $"expected the call to be allowed, {got}";
                }

                if (status == 404 && !(deleted && operation.Method == HttpMethod.Delete))
                {
                    return $"expected the record to be found, {got}";
                }

                return status == 200 && operation.Method == HttpMethod.Get ? Leak(operation, reaches, caller, body, records) : null;
            default:
                return null;
        }
    }

    /// <summary>An answer other than 404 for an out-of-scope record must be the answer for a record that does not exist.</summary>
    private static async Task<string?> SameAsMissingAsync(HttpResponseMessage response, string body, HttpResponseMessage missing)
    {
        var missingBody = await missing.Content.ReadAsStringAsync();
        static string Fields(string json) =>
            JsonNode.Parse(json) is JsonObject o && o["errors"] is JsonObject errors ? string.Join(",", errors.Select(e => e.Key).Order(StringComparer.Ordinal)) : "";
        return response.StatusCode == missing.StatusCode && (response.StatusCode != HttpStatusCode.BadRequest || Fields(body) == Fields(missingBody))
            ? null
            : $"expected NotFound or the answer for a record that does not exist ({(int)missing.StatusCode} {missingBody}), got {(int)response.StatusCode} {body}";
    }

    /// <summary>A list of unit or personal records must not show another unit's (another user's) records.</summary>
    private static string? Leak(Operation operation, IReadOnlySet<AccessScope> reaches, Caller caller, string body, Records records)
    {
        var scope = operation.Rule!.Scope;
        IEnumerable<string> hidden = scope switch
        {
            AccessScope.Unit when caller.OtherUnit && !reaches.Contains(AccessScope.Unit) => records.UnitValues,
            AccessScope.Own or AccessScope.OwnOrAdministrator when !caller.Owner && !reaches.Contains(AccessScope.Own) => records.OwnValues,
            _ => [],
        };
        var shown = hidden.Where(v => body.Contains(v, StringComparison.OrdinalIgnoreCase)).ToList();
        return shown.Count == 0 ? null : $"the list shows records it must not: {string.Join(", ", shown)}";
    }

    private async Task<List<Caller>> CallersAsync(Records records)
    {
        var callers = new List<Caller> { Caller.Anonymous(app) };
        foreach (var (role, userName) in records.UserOfRole)
        {
            callers.Add(await Caller.BearerAsync(app, role, userName, owner: userName == TestOrg.SupervisorA, otherUnit: false));
        }

        callers.Add(await Caller.BearerAsync(app, Roles.Assistant, TestOrg.AssistantB, owner: false, otherUnit: true));
        callers.Add(await Caller.BearerAsync(app, Roles.Supervisor, Records.SupervisorB, owner: false, otherUnit: true));

        using var admin = await app.AdminAsync();
        var loggedOut = await CookieSession.LoginAsync(app, records.LoggedOut.Name, Password, "10.19.10.1");
        var kept = loggedOut.Copy(app);
        await loggedOut.LogoutAsync();
        loggedOut.Dispose();
        callers.Add(Caller.Cookie("cookie after logout", CallerKind.DeadCookie, kept));

        var deactivated = await CookieSession.LoginAsync(app, records.Deactivated.Name, Password, "10.19.10.2");
        await TestOrg.ChangeUserAsync(admin, records.Deactivated.Id, u => { u["isActive"] = false; return u; });
        callers.Add(Caller.Cookie("cookie of a deactivated administrator", CallerKind.DeadCookie, deactivated));

        var demoted = await CookieSession.LoginAsync(app, records.Demoted.Name, Password, "10.19.10.3");
        await TestOrg.ChangeUserAsync(admin, records.Demoted.Id, u => { u["roles"] = new JsonArray("technician"); return u; });
        callers.Add(Caller.Cookie("cookie of a demoted administrator", CallerKind.DeadCookie, demoted));

        var live = await CookieSession.LoginAsync(app, records.CookieAdmin.Name, Password, "10.19.10.4");
        callers.Add(Caller.Cookie("administrator cookie without antiforgery token", CallerKind.CookieWithoutAntiforgery, live));
        return callers;
    }

    private sealed record Operation(HttpMethod Method, RoutePattern Pattern, AccessRule? Rule)
    {
        public string Name => $"{Method} {Pattern.RawText}";

        /// <summary>
        /// The path with real records in its parameters (or records that do not exist), what they reach, the query a client
        /// needs, and whether the body is a form.
        /// </summary>
        public (string Url, IReadOnlySet<AccessScope> Reaches, bool Form) Url(Records records, OpenApiDocument document, bool missing = false)
        {
            var path = new StringBuilder();
            var reaches = new HashSet<AccessScope>();
            var previous = "";
            foreach (var segment in Pattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                {
                    if (part is RoutePatternLiteralPart literal)
                    {
                        path.Append(literal.Content);
                        previous = literal.Content;
                    }
                    else if (part is RoutePatternParameterPart parameter)
                    {
                        var record = records.ForParameter(previous, parameter.Name)
                            ?? throw new InvalidOperationException($"{Name}: no test record for parameter {{{parameter.Name}}} after '{previous}'; add one to the matrix's records");
                        path.Append(Uri.EscapeDataString(missing && record.Scope != AccessScope.None ? record.Missing : record.Value));
                        reaches.Add(record.Scope);
                    }
                }
            }

            var template = "/" + string.Join("/", Pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                RoutePatternLiteralPart l => l.Content,
                RoutePatternParameterPart q => "{" + q.Name + "}",
                _ => "",
            }))));
            var query = new List<string>();
            var documented = document.Operations().Where(o => o.Method == Method && o.Path == template).Select(o => o.Operation).SingleOrDefault()
                ?? throw new InvalidOperationException($"{Name} is not in /openapi/v1.json");
            foreach (var parameter in documented.Parameters ?? [])
            {
                if (parameter.In != ParameterLocation.Query || parameter.Schema is null)
                {
                    continue;
                }

                if (parameter.Name == "version")
                {
                    query.Add("version=999999"); // a stale version: an allowed caller gets 409, nothing is deleted
                }
                else if (parameter.Name == "format" && parameter.Schema.AllowedValues().Count > 0)
                {
                    query.Add("format=" + parameter.Schema.FirstValue());
                }
            }

            reaches.Remove(AccessScope.None);
            var form = documented.RequestBody?.Content?.ContainsKey("multipart/form-data") == true && documented.RequestBody.Content.ContainsKey("application/json") != true;
            return (query.Count == 0 ? path.ToString() : path + "?" + string.Join("&", query), reaches, form);
        }
    }

    private sealed class Caller : IDisposable
    {
        private readonly HttpClient? client;
        private readonly CookieSession? cookies;

        private Caller(string name, CallerKind kind, string? role, bool owner, bool otherUnit, HttpClient? client, CookieSession? cookies)
        {
            Name = name;
            Kind = kind;
            Role = role;
            Owner = owner;
            OtherUnit = otherUnit;
            this.client = client;
            this.cookies = cookies;
        }

        public string Name { get; }

        public CallerKind Kind { get; }

        /// <summary>The role the caller acts in (a live cookie acts as administrator).</summary>
        public string? Role { get; }

        /// <summary>Owns the personal records in the paths (saved view, notification, token).</summary>
        public bool Owner { get; }

        /// <summary>A user of RC-B: every RC-A record is out of scope.</summary>
        public bool OtherUnit { get; }

        public static Caller Anonymous(KefuApp app) => new("anonymous", CallerKind.Anonymous, null, false, false, app.CreateClient(), null);

        public static async Task<Caller> BearerAsync(KefuApp app, string role, string userName, bool owner, bool otherUnit) =>
            new($"{role} {userName}", CallerKind.Role, role, owner, otherUnit, await app.ClientForAsync(userName, userName == "admin" ? KefuApp.AdminPassword : Password), null);

        public static Caller Cookie(string name, CallerKind kind, CookieSession session) =>
            new(name, kind, kind == CallerKind.CookieWithoutAntiforgery ? Roles.Administrator : null, false, false, null, session);

        /// <summary>Sends an empty JSON object (or an empty form) to POST and PUT: what is checked here comes before the body.</summary>
        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, bool form)
        {
            HttpContent? content = method != HttpMethod.Post && method != HttpMethod.Put ? null
                : form ? new MultipartFormDataContent { { new StringContent("matrix"), "note" } }
                : JsonContent.Create(new JsonObject());
            if (cookies is not null)
            {
                return await cookies.SendAsync(method, url, content);
            }

            using var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return await client!.SendAsync(request);
        }

        public void Dispose()
        {
            client?.Dispose();
            cookies?.Dispose();
        }
    }

    private sealed record Record(string Value, AccessScope Scope)
    {
        /// <summary>A value of the same shape that names no record.</summary>
        public string Missing => Guid.TryParse(Value, out _) ? Guid.CreateVersion7().ToString() : Value + "9";
    }

    /// <summary>
    /// The records the paths name: a customer of RC-A with a service request (and its attachment), a contract with an
    /// object and a schedule, a purchase import; supervisor.a's saved view, notification and token; shared settings.
    /// </summary>
    private sealed class Records
    {
        public const string SupervisorB = "supervisor.b";

        private readonly Dictionary<string, Record> byParameter = new(StringComparer.Ordinal);

        public required IReadOnlyList<(string Role, string UserName)> UserOfRole { get; init; }

        public required (Guid Id, string Name) LoggedOut { get; init; }

        public required (Guid Id, string Name) Deactivated { get; init; }

        public required (Guid Id, string Name) Demoted { get; init; }

        public required (Guid Id, string Name) CookieAdmin { get; init; }

        public List<string> UnitValues { get; } = [];

        public List<string> OwnValues { get; } = [];

        public Record? ForParameter(string segmentBefore, string parameter) => byParameter.GetValueOrDefault($"{segmentBefore}/{parameter}");

        public static async Task<Records> CreateAsync(SecurityApp app)
        {
            using var admin = await app.AdminAsync();
            var org = app.Org;
            var technician = await TestOrg.UserAsync(admin, "matrix.technician", [Roles.Technician], org.RcA);
            await TestOrg.UserAsync(admin, "matrix.customer", [Roles.Customer], org.RcA);
            await TestOrg.UserAsync(admin, SupervisorB, [Roles.Supervisor], org.RcB);
            (Guid, string) Named(Guid id, string name) => (id, name);
            var records = new Records
            {
                UserOfRole =
                [
                    (Roles.Assistant, TestOrg.AssistantA), (Roles.Technician, "matrix.technician"), (Roles.Supervisor, TestOrg.SupervisorA),
                    (Roles.AccountManager, TestOrg.ManagerAName), (Roles.DepartmentStaff, TestOrg.DepartmentA), (Roles.Administrator, "admin"),
                    (Roles.Customer, "matrix.customer"),
                ],
                LoggedOut = Named(await TestOrg.UserAsync(admin, "matrix.loggedout", [Roles.Administrator], org.RcA), "matrix.loggedout"),
                Deactivated = Named(await TestOrg.UserAsync(admin, "matrix.deactivated", [Roles.Administrator], org.RcA), "matrix.deactivated"),
                Demoted = Named(await TestOrg.UserAsync(admin, "matrix.demoted", [Roles.Administrator], org.RcA), "matrix.demoted"),
                CookieAdmin = Named(await TestOrg.UserAsync(admin, "matrix.cookie", [Roles.Administrator], org.RcA), "matrix.cookie"),
            };

            using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
            var customer = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(org.RcA, "矩阵客户")), HttpStatusCode.Created);
            var request = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", new
            {
                type = "REP", channel = "phone", shortText = "权限矩阵", customerId = customer["id"]!.GetValue<string>(),
            }), HttpStatusCode.Created);
            var number = request["number"]!.GetValue<string>();
            using var form = new MultipartFormDataContent();
            var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
            png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(png, "file", "matrix.png");
            var attachment = await Api.JsonAsync(await assistant.PostAsync($"/api/v1/service-requests/{number}/attachments", form), HttpStatusCode.Created);
            var today = ContractBodies.Today(app);
            var import = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/transactions/bulk", new[]
            {
                new { customerId = customer["id"]!.GetValue<string>(), date = ContractBodies.Day(today.AddDays(-3)), amount = 100.5m, items = "茶几", channel = "offline", paymentMethod = "cash", reference = "MATRIX-1" },
            }), HttpStatusCode.Created);

            var contract = await ContractBodies.ContractAsync(app, today, today.AddDays(365));
            var contractNumber = contract["number"]!.GetValue<string>();
            var coveredObject = await ContractBodies.AddAsync(app, $"/api/v1/contracts/{contractNumber}/objects", new { description = "冷水机组" });
            var schedule = await ContractBodies.AddAsync(app, $"/api/v1/contracts/{contractNumber}/schedules", new { kind = "interval", intervalMonths = 3, leadDays = 10 });

            var users = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/users"))!;
            var supervisorA = Guid.Parse(users.Single(u => u!["userName"]!.GetValue<string>() == TestOrg.SupervisorA)!["id"]!.GetValue<string>());
            using var supervisor = await app.ClientForAsync(TestOrg.SupervisorA);
            var view = await Api.JsonAsync(await supervisor.PostAsJsonAsync("/api/v1/service-requests/views", new { name = "矩阵视图", columns = new[] { "number" } }), HttpStatusCode.OK);
            using var anonymous = app.CreateClient();
            var token = await Api.JsonAsync(
                await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = TestOrg.SupervisorA, password = Password, name = "matrix" }), HttpStatusCode.OK);
            Guid notification;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Kefu.Core.Data.KefuDb>();
                scope.ServiceProvider.GetRequiredService<NotificationService>().Notify([supervisorA], NotificationKinds.SlaWarning, "矩阵", "矩阵通知", null);
                await db.SaveChangesAsync();
                notification = await db.Notifications.Where(n => n.UserId == supervisorA).Select(n => n.Id).FirstAsync();
            }
            var run = await Api.JsonAsync(await admin.PostAsJsonAsync("/api/v1/classification/runs", new { }), HttpStatusCode.Accepted);
            var scheme = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/classification/schemes"))!.First(s => s!["classes"]!.AsArray().Count > 0)!;

            records.Unit("customers/id", customer["id"]!.GetValue<string>(), customer["number"]!.GetValue<string>());
            records.Unit("service-requests/number", number);
            records.Unit("attachments/id", attachment["id"]!.GetValue<string>());
            records.Unit("contracts/number", contractNumber);
            records.Unit("objects/id", coveredObject["id"]!.GetValue<string>());
            records.Unit("schedules/id", schedule["id"]!.GetValue<string>());
            records.Unit("imports/id", import["importId"]!.GetValue<string>());
            records.Unit("org-units/id", org.RcA.ToString());
            records.Unit("users/id", technician.ToString());
            records.Own("views/id", view["id"]!.GetValue<string>());
            records.Own("notifications/id", notification.ToString());
            records.Own("tokens/id", token["id"]!.GetValue<string>());
            records.Shared("runs/id", run["id"]!.GetValue<string>());
            records.Shared("schemes/code", scheme["code"]!.GetValue<string>());
            records.Shared("classes/cls", scheme["classes"]![0]!["code"]!.GetValue<string>());
            records.Shared("jobs/name", "scheduler-probe");
            foreach (var (list, parameter) in new[] { ("calendars", "calendars/code"), ("holiday-sets", "holiday-sets/code"), ("service-levels", "service-levels/code"), ("request-types", "request-types/code") })
            {
                var all = (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/{list}"))!;
                records.Shared(parameter, all[0]!["code"]!.GetValue<string>());
            }

            return records;
        }

        private void Unit(string parameter, string value, params string[] alsoShownAs)
        {
            byParameter[parameter] = new Record(value, AccessScope.Unit);
            UnitValues.Add(value);
            UnitValues.AddRange(alsoShownAs);
        }

        private void Own(string parameter, string value)
        {
            byParameter[parameter] = new Record(value, AccessScope.Own);
            OwnValues.Add(value);
        }

        private void Shared(string parameter, string value) => byParameter[parameter] = new Record(value, AccessScope.None);
    }
}

public sealed class AuthorizationMatrixSqliteTests(SecuritySqliteApp app, ITestOutputHelper output)
    : AuthorizationMatrixTests(app, output), IClassFixture<SecuritySqliteApp>;

public sealed class AuthorizationMatrixPostgresTests(SecurityPostgresApp app, ITestOutputHelper output)
    : AuthorizationMatrixTests(app, output), IClassFixture<SecurityPostgresApp>;
