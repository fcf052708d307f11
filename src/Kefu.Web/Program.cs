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
using Kefu.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddKefu();

var app = builder.Build();
app.UseKefu();
var api = app.MapApi();
api.MapCustomersApi();
api.MapOrganizationApi();
api.MapUsersApi();
api.MapSecurityApi();
api.MapAuditApi();
api.MapServiceRequestsApi();
api.MapNotificationsApi();
api.MapCalendarsApi();
api.MapContractsApi();
api.MapTransactionsApi();
api.MapSchedulingApi();
api.MapSlaApi();
api.MapClassificationApi();
app.MapRazorPages();

await app.PrepareDatabaseAsync();
await app.RunAsync();
