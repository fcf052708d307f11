using Kefu.Core.Common;
using Kefu.Core.Security;
using Kefu.Core.ServiceRequests;
using Kefu.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kefu.Web.Features.ServiceRequests;

public sealed record LogRequest(string? Text);

public sealed record AssignmentRequest(Guid? TechnicianId);

public sealed record ServiceRequestUpdate(int? Version, ServiceRequestInput? Request);

public static class ServiceRequestsApi
{
    public static void MapServiceRequestsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/service-requests").WithTags("Service requests").RequireAuthorization(KefuHost.StaffPolicy);
        api.MapPost("/", Create)
            .WithSummary("Record a service request; the number comes from the type's number range. Idempotency-Key makes retries safe")
            .Allow(ServiceRequestService.Recorders, AccessScope.Unit);
        api.MapGet("/", List).WithSummary("List requests with filters (SRQ-8); keyset paging with after/limit, newest first")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapGet("/export", Export).ProducesFile("text/csv", ApiConventions.Xlsx)
            .WithSummary("The filtered list as format=csv or format=xlsx, columns=number,type,… (up to 100,000 rows; headers in the request's language)")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapGet("/views", async (Caller caller, SavedViews s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(caller, ct)))
            .WithSummary("The caller's saved list views (filters and columns)")
            .Allow(Roles.Staff, AccessScope.Own);
        api.MapPost("/views", async (SavedViewInput body, Caller caller, SavedViews s, CancellationToken ct) =>
                (await s.SaveAsync(caller, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Save the current filters and columns under a name (replaces a view of the same name)")
            .Allow(Roles.Staff, AccessScope.Own);
        api.MapDelete("/views/{id:guid}", async (Guid id, Caller caller, SavedViews s, CancellationToken ct) =>
            (await s.DeleteAsync(caller, id, ct)).Match(_ => TypedResults.NoContent()))
            .Allow(Roles.Staff, AccessScope.Own);
        api.MapGet("/approvals", async (Caller caller, RequestApprovals s, CancellationToken ct) => (await s.QueueAsync(caller, ct)).Match(TypedResults.Ok))
            .WithSummary("The supervisor's approval queue: requests of the caller's units waiting for a decision, oldest first")
            .Allow(RequestApprovals.Approvers, AccessScope.Unit);
        api.MapPost("/{number}/escalations", async (string number, EscalationInput body, Caller caller, RequestApprovals s, CancellationToken ct) =>
                (await s.EscalateAsync(caller, number, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Escalate to head office (reason head-office-pricing | head-office-support): to the approval queue, or to regional logistics directly before full payment")
            .Allow(RequestApprovals.Escalators, AccessScope.Unit);
        api.MapPost("/{number}/approval", async (string number, DecisionInput body, Caller caller, RequestApprovals s, CancellationToken ct) =>
                (await s.DecideAsync(caller, number, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Supervisor decision (approve | reject) with a comment; approval hands the request over to regional logistics with its payment state")
            .Allow(RequestApprovals.Approvers, AccessScope.Unit);
        api.MapPost("/{number}/merge", async (string number, MergeInput body, Caller caller, RequestRelations s, CancellationToken ct) =>
                (await s.MergeAsync(caller, number, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Merge a duplicate (same customer) into this request: items, long text and timeline move here; the duplicate is completed")
            .Allow(ServiceRequestService.Recorders, AccessScope.Unit);
        api.MapPost("/{number}/split", async (string number, SplitInput body, Caller caller, RequestRelations s, CancellationToken ct) =>
                (await s.SplitAsync(caller, number, body, ct)).Match(r => TypedResults.Created($"/api/v1/service-requests/{r.Number}", r)))
            .WithSummary("Move some item lines into a new request, linked to this one")
            .Allow(ServiceRequestService.Recorders, AccessScope.Unit);
        api.MapGet("/{number}/links", async (string number, Caller caller, RequestRelations s, CancellationToken ct) =>
            (await s.LinksAsync(caller, number, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/{number}/links", async (string number, LinkInput body, Caller caller, RequestRelations s, CancellationToken ct) =>
                (await s.LinkAsync(caller, number, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Link a related request")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/{number}/attachments", Upload).DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge, ProblemResults.ContentType)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType, ProblemResults.ContentType)
            .WithSummary("Attach a photo (JPEG, PNG, WebP) or PDF as multipart field 'file'; 413 when too large, 415 for other types")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapGet("/{number}/attachments", async (string number, Caller caller, RequestAttachments s, CancellationToken ct) =>
            (await s.ListAsync(caller, number, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapGet("/{number}/attachments/{id:guid}", async (string number, Guid id, Caller caller, RequestAttachments s, CancellationToken ct) =>
            (await s.OpenAsync(caller, number, id, ct)).Match(f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .ProducesFile("image/jpeg", "image/png", "image/webp", "application/pdf")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPut("/{number}", async (string number, ServiceRequestUpdate body, Caller caller, ServiceRequestService s, CancellationToken ct) =>
                body.Request is null
                    ? Error.Validation("request", "Required.").ToProblem()
                    : (await s.UpdateAsync(caller, number, body.Version, body.Request, ct)).Match(TypedResults.Ok))
            .WithSummary("Edit fields and items; send the version you read (409 when someone else changed the request)")
            .Allow(ServiceRequestService.Recorders, AccessScope.Unit);
        api.MapPost("/{number}/assignment", async (string number, AssignmentRequest body, Caller caller, ServiceRequestService s, CancellationToken ct) =>
                (await s.AssignAsync(caller, number, body.TechnicianId, ct)).Match(TypedResults.Ok))
            .WithSummary("Assign a technician of the request's responsibility centre (work plan)")
            .Allow(ServiceRequestService.Recorders, AccessScope.Unit);
        api.MapGet("/{number}", Get).WithSummary("A request with items, long text, timeline and the statuses the caller may set next")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/{number}/transitions", Transition)
            .WithSummary("Move to another user status; 409 when the profile does not allow it, 403 when the caller's role may not set it")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/{number}/log", AppendLog).WithSummary("Append a paragraph to the long text")
            .Allow(Roles.Staff, AccessScope.Unit);
        api.MapPost("/{number}/emails", async (string number, DepartmentMailInput body, Caller caller, ServiceRequestService s, CancellationToken ct) =>
                (await s.SendToDepartmentAsync(caller, number, body, ct)).Match(m => TypedResults.Accepted($"/api/v1/service-requests/{number}", m)))
            .WithSummary("Send the request to a department by e-mail (queued; urgent flag sets the mail priority)")
            .Allow(ServiceRequestService.Recorders, AccessScope.Unit);

        var types = app.MapGroup("/api/v1/request-types").WithTags("Service requests").RequireAuthorization(KefuHost.StaffPolicy);
        types.MapGet("/", async (RequestTypeService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .WithSummary("Request types with their status profiles")
            .Allow(Roles.Staff);
        types.MapGet("/{code}", async (string code, RequestTypeService s, CancellationToken ct) => (await s.GetAsync(code, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff);
        types.MapPut("/{code}", async (string code, RequestTypeInput body, Caller caller, RequestTypeService s, CancellationToken ct) =>
                (await s.UpdateAsync(caller, code, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Replace a type's names and status profile (statuses, allowed transitions, initial status)")
            .Allow(Roles.Administrator);
    }

    private static async Task<Results<Created<AttachmentDto>, ApiProblem>> Upload(string number, IFormFile? file, Caller caller, RequestAttachments s, CancellationToken ct)
    {
        if (file is null)
        {
            return Error.Validation("file", "Send the file as multipart/form-data field 'file'.").ToProblem();
        }

        await using var content = file.OpenReadStream();
        var result = await s.AddAsync(caller, number, new AttachmentUpload(file.FileName, file.ContentType, file.Length, content), ct);
        return result.Error?.Code switch
        {
            "Attachment.TooLarge" => ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "File too large", result.Error.Message),
            "Attachment.UnsupportedType" => ProblemResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported file type", result.Error.Message),
            _ => result.Match(a => TypedResults.Created($"/api/v1/service-requests/{number}/attachments/{a.Id}", a)),
        };
    }

    private static async Task<Results<Created<ServiceRequestDetail>, ApiProblem>> Create(ServiceRequestInput body, Caller caller, ServiceRequestService s, CancellationToken ct) =>
        (await s.CreateAsync(caller, body, ct)).Match(r => TypedResults.Created($"/api/v1/service-requests/{r.Number}", r));

    private static async Task<Results<Ok<ServiceRequestDetail>, ApiProblem>> Get(string number, Caller caller, ServiceRequestService s, CancellationToken ct) =>
        (await s.GetAsync(caller, number, ct)).Match(TypedResults.Ok);

    private static async Task<Results<Ok<ServiceRequestDetail>, ApiProblem>> Transition(string number, TransitionInput body, Caller caller, ServiceRequestService s, CancellationToken ct) =>
        (await s.TransitionAsync(caller, number, body, ct)).Match(TypedResults.Ok);

    private static async Task<Results<Created<LogEntryDto>, ApiProblem>> AppendLog(string number, LogRequest body, Caller caller, ServiceRequestService s, CancellationToken ct) =>
        (await s.AppendLogAsync(caller, number, body.Text, ct)).Match(e => TypedResults.Created($"/api/v1/service-requests/{number}", e));

    /// <summary>The list filters as query parameters (SRQ-8), shared by the list and the exports.</summary>
    public sealed record ListParameters(
        [property: OneOf(typeof(SystemStatus))] string[]? SystemStatus,
        string[]? UserStatus,
        string[]? ExcludeUserStatus,
        string? Type,
        DateOnly? From,
        DateOnly? To,
        Guid? ResponsibilityCentreId,
        Guid? WorkCentreId,
        Guid? ResponsiblePersonId,
        Guid? CustomerId,
        [property: OneOf(typeof(Urgency))] string? Urgency,
        [property: OneOf(typeof(Kefu.Core.Sla.SlaState))] string[]? SlaState,
        bool? GreenChannel,
        string? CustomerClass,
        DateTime? RequiredStartFrom,
        DateTime? RequiredStartBefore,
        [property: OneOf(typeof(ServiceRequestService), nameof(ServiceRequestService.Sorts))] string? Sort,
        string? After,
        int? Limit)
    {
        public Result<ServiceRequestQuery> ToQuery()
        {
            var e = new ValidationErrors();
            var statuses = (SystemStatus ?? []).Select(v => ParseEnum<SystemStatus>(e, "systemStatus", v)).ToList();
            var level = Urgency is null ? (Urgency?)null : ParseEnum<Urgency>(e, "urgency", Urgency);
            var slaStates = (SlaState ?? []).Select(v => ParseEnum<Kefu.Core.Sla.SlaState>(e, "slaState", v)).ToList();
            if (e.Any)
            {
                return e.ToError();
            }

            return new ServiceRequestQuery
            {
                SystemStatuses = statuses,
                UserStatusIncluded = UserStatus,
                UserStatusExcluded = ExcludeUserStatus,
                Type = Type,
                From = From,
                To = To,
                ResponsibilityCentreId = ResponsibilityCentreId,
                WorkCentreId = WorkCentreId,
                ResponsiblePersonId = ResponsiblePersonId,
                CustomerId = CustomerId,
                Urgency = level,
                SlaStates = slaStates,
                GreenChannel = GreenChannel,
                CustomerClass = string.IsNullOrWhiteSpace(CustomerClass) ? null : CustomerClass,
                RequiredStartFrom = RequiredStartFrom?.ToUniversalTime(),
                RequiredStartBefore = RequiredStartBefore?.ToUniversalTime(),
                Sort = Sort,
                After = After,
                Limit = Limit ?? 50,
            };
        }
    }

    private static async Task<Results<Ok<Page<ServiceRequestListItem>>, ApiProblem>> List(Caller caller, ServiceRequestService s, [AsParameters] ListParameters p, CancellationToken ct)
    {
        var query = p.ToQuery();
        return query.IsSuccess ? (await s.ListAsync(caller, query.Value, ct)).Match(TypedResults.Ok) : query.Error!.ToProblem();
    }

    private static async Task<Results<FileStreamHttpResult, ApiProblem>> Export(
        Caller caller, RequestListExport export, TimeProvider time, [AsParameters] ListParameters p, [OneOf("csv", "xlsx")] string? format, string? columns, CancellationToken ct)
    {
        var query = p.ToQuery();
        var chosen = RequestListExport.Choose(columns?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (!query.IsSuccess || !chosen.IsSuccess)
        {
            return (query.Error ?? chosen.Error)!.ToProblem();
        }

        if (format is not ("csv" or "xlsx"))
        {
            return Error.Validation("format", "Must be one of: csv, xlsx.").ToProblem();
        }

        var english = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        var buffer = new MemoryStream();
        var written = format == "csv"
            ? await export.WriteCsvAsync(caller, query.Value, chosen.Value, english, buffer, ct)
            : await export.WriteExcelAsync(caller, query.Value, chosen.Value, english, buffer, ct);
        if (!written.IsSuccess)
        {
            return written.Error!.ToProblem();
        }

        buffer.Position = 0;
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        return format == "csv"
            ? TypedResults.File(buffer, "text/csv; charset=utf-8", $"service-requests-{stamp}.csv")
            : TypedResults.File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"service-requests-{stamp}.xlsx");
    }

    private static T ParseEnum<T>(ValidationErrors e, string field, string value)
        where T : struct, Enum
    {
        if (Enum.TryParse<T>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        e.Add(field, $"Must be one of: {string.Join(", ", Enum.GetNames<T>().Select(Kefu.Core.Customers.EnumNames.ToApi))}.");
        return default;
    }
}
