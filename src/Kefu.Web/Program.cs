using Kefu.Web;
using Kefu.Web.Features.Audit;
using Kefu.Web.Features.Calendars;
using Kefu.Web.Features.Contracts;
using Kefu.Web.Features.Classification;
using Kefu.Web.Features.Customers;
using Kefu.Web.Features.Notifications;
using Kefu.Web.Features.Organization;
using Kefu.Web.Features.Scheduling;
using Kefu.Web.Features.Security;
using Kefu.Web.Features.ServiceRequests;
using Kefu.Web.Features.Transactions;
using Kefu.Web.Features.Sla;
using Kefu.Web.Features.Users;

var builder = WebApplication.CreateBuilder(args);
builder.AddKefu();

var app = builder.Build();
app.UseKefu();
app.MapCustomersApi();
app.MapOrganizationApi();
app.MapUsersApi();
app.MapSecurityApi();
app.MapAuditApi();
app.MapServiceRequestsApi();
app.MapNotificationsApi();
app.MapCalendarsApi();
app.MapContractsApi();
app.MapTransactionsApi();
app.MapSchedulingApi();
app.MapSlaApi();
app.MapClassificationApi();
app.MapRazorPages();

await app.PrepareDatabaseAsync();
await app.RunAsync();
