using System.Text.Json;
using Kefu.Core.Classification;
using Kefu.Core.Security;
using Kefu.Web.Infrastructure;

namespace Kefu.Web.Features.Classification;

public sealed record PreviewRequest(JsonElement? Settings);

public sealed record RunRequest(string? Scheme);

public sealed record RuleCheckRequest(string? Expression);

public static class ClassificationApi
{
    public static void MapClassificationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/classification").WithTags("Classification").RequireAuthorization(KefuHost.StaffPolicy);
        api.MapGet("/schemes", async (Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.ListSchemesAsync(caller, ct)).Match(TypedResults.Ok)).WithSummary("Schemes with their current settings and classes")
            .Allow(Roles.Staff);
        api.MapPost("/schemes", async (SchemeInput body, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.CreateSchemeAsync(caller, body, ct)).Match(x => TypedResults.Created($"/api/v1/classification/schemes/{x.Code}", x)))
            .WithSummary("Create a scheme (abc, threshold or lifecycle kind) with its first settings version")
            .Allow(Roles.Administrator);
        api.MapGet("/schemes/{code}", async (string code, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.GetSchemeAsync(caller, code, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff);
        api.MapPut("/schemes/{code}", async (string code, SchemeInput body, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.UpdateSchemeAsync(caller, code, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Edit names, enabled and settings; changed settings become a new version. Send the version you read (409 when stale)")
            .Allow(Roles.Administrator);
        api.MapGet("/schemes/{code}/versions", async (string code, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.VersionsAsync(caller, code, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff);
        api.MapPut("/schemes/{code}/classes/{cls}", async (string code, string cls, ClassInput body, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.PutClassAsync(caller, code, cls, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Create or edit a class: names, order, colour and its service settings (priority, SLA level, green channel, cadences)")
            .Allow(Roles.Administrator);
        api.MapDelete("/schemes/{code}/classes/{cls}", async (string code, string cls, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.DeleteClassAsync(caller, code, cls, ct)).Match(_ => TypedResults.NoContent()))
            .Allow(Roles.Administrator);
        api.MapPost("/schemes/{code}/preview", async (string code, PreviewRequest body, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.PreviewAsync(caller, code, body.Settings, ct)).Match(TypedResults.Ok))
            .WithSummary("Customers entering, leaving and staying per class if these settings (or the current ones) were applied now")
            .Allow(Roles.Administrator, AccessScope.Unit);
        api.MapGet("/schemes/{code}/pyramid", async (string code, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.PyramidAsync(caller, code, ct)).Match(TypedResults.Ok)).WithSummary("Customers per class among your units")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapGet("/rules/vocabulary", () => TypedResults.Ok(ClassificationRules.Entries)).WithSummary("Names and functions rule expressions may use")
            .Allow(Roles.Staff);
        api.MapPost("/rules/check", (RuleCheckRequest body) => TypedResults.Ok(ClassificationRules.Check(body.Expression)))
            .WithSummary("Syntax and type check of a rule expression: errors with position and length, or its canonical text")
            .Allow(Roles.Staff);
        api.MapGet("/cost-settings", async (Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.GetCostsAsync(caller, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff);
        api.MapPut("/cost-settings", async (CostSettingsDto body, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.UpdateCostsAsync(caller, body, ct)).Match(TypedResults.Ok)).WithSummary("Cost-to-serve unit costs and the metrics window")
            .Allow(Roles.Administrator);
        api.MapPost("/runs", async (RunRequest? body, Caller caller, ClassificationRuns runs, CancellationToken ct) =>
            (await runs.StartAsync(caller, body?.Scheme, RunTrigger.Api, ct)).Match(r => TypedResults.Accepted($"/api/v1/classification/runs/{r.Id}", r)))
            .WithSummary("Start a run of every enabled scheme (or one); 202 with the run, which executes in the background")
            .Allow(Roles.Administrator);
        api.MapGet("/runs", async (int? limit, Caller caller, ClassificationRuns runs, CancellationToken ct) =>
            (await runs.ListAsync(caller, limit ?? 20, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff);
        api.MapGet("/runs/{id:guid}", async (Guid id, Caller caller, ClassificationRuns runs, CancellationToken ct) =>
            (await runs.GetAsync(caller, id, ct)).Match(TypedResults.Ok)).WithSummary("State and per-scheme progress of a run")
            .Allow(Roles.Staff);
        api.MapPost("/runs/{id:guid}/cancel", async (Guid id, Caller caller, ClassificationRuns runs, CancellationToken ct) =>
            (await runs.CancelAsync(caller, id, ct)).Match(TypedResults.Ok))
            .WithSummary("Cancel a queued or running run: it stops before its next scheme; schemes already applied stay applied (409 when finished)")
            .Allow(Roles.Administrator);

        var customers = app.MapGroup("/api/v1/customers/{id:guid}").WithTags("Classification").RequireAuthorization(KefuHost.StaffPolicy);
        customers.MapGet("/classes", async (Guid id, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.CurrentAsync(caller, id, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff, AccessScope.Unit);
        customers.MapGet("/class-history", async (Guid id, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.HistoryAsync(caller, id, ct)).Match(TypedResults.Ok)).WithSummary("Class changes of the customer, newest first")
            .Allow(Roles.Staff, AccessScope.Unit);
        customers.MapGet("/metrics", async (Guid id, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.MetricsAsync(caller, id, ct)).Match(ProblemResults.OkOrNoContent))
            .WithSummary("Revenue, purchases, rhythm, cost to serve and profit of the customer as of the last run")
            .Allow(Roles.Staff, AccessScope.Unit);
        customers.MapGet("/churn", async (Guid id, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.GetChurnAsync(caller, id, ct)).Match(ProblemResults.OkOrNoContent))
            .Allow(Roles.Staff, AccessScope.Unit);
        customers.MapPut("/churn", async (Guid id, ChurnInput body, Caller caller, ClassificationService s, CancellationToken ct) =>
            (await s.RecordChurnAsync(caller, id, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Record why the customer was lost: natural, malicious, competitor or our-fault")
            .Allow(Roles.CustomerEditors, AccessScope.Unit);
    }
}
