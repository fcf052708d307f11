using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.ServiceRequests;

/// <summary>
/// Escalation to head office (SRQ-7): paid service needing head-office pricing and after-payment complaints needing
/// head-office support wait in the supervisor's approval queue; on approval the request is handed over to the
/// regional logistics unit with its payment state. Before-payment cases go to regional logistics directly.
/// </summary>
public sealed class RequestApprovals(KefuDb db, ServiceRequestService requests, OrganizationService organization, Sla.SlaService sla, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Escalators = [Roles.Assistant, Roles.Technician, Roles.Supervisor, Roles.AccountManager, Roles.Administrator];

    public static readonly IReadOnlyList<string> Approvers = [Roles.Supervisor, Roles.Administrator];

    private const int MaxQueue = 500;

    public async Task<Result<ServiceRequestDetail>> EscalateAsync(Caller caller, string number, EscalationInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Escalators))
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        var reason = CustomerValidator.ParseEnum<EscalationReason>(e, "reason", input.Reason, required: true);
        e.MaxLength("comment", input.Comment, 2000);
        if (e.Any)
        {
            return e.ToError();
        }

        var request = await (await requests.ScopedAsync(caller, ct)).FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is null)
        {
            return Error.NotFound("Service request");
        }

        if (request.ApprovalState == ApprovalState.Pending || request.HandedOverToUnitId is not null)
        {
            return Error.Conflict("Escalation.AlreadyEscalated", "The request is already waiting for approval or handed over.");
        }

        if (reason == EscalationReason.HeadOfficePricing && request.ChargeMode == ChargeMode.Free)
        {
            return Error.Validation("reason", "Head-office pricing is for paid service; this request is free.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (reason == EscalationReason.HeadOfficeSupport && !request.PaidInFull)
        {
            var logistics = await organization.LogisticsUnitForAsync(request.ResponsibilityCentreId, ct);
            if (logistics is null)
            {
                return Error.Conflict("Escalation.NoLogistics", "The region has no logistics unit to hand the request over to.");
            }

            request.HandOver(logistics.Value, reason, now);
            request.AppendLog(Note("未完款，直接转区域物流 / Before full payment: handed over to regional logistics", input.Comment), caller, now);
        }
        else if (request.GreenChannel && await GreenSkipsApprovalAsync(request.SlaLevelCode, ct)
            && await organization.LogisticsUnitForAsync(request.ResponsibilityCentreId, ct) is Guid direct)
        {
            // SLA-5: the green channel's level marks the approval step as skippable.
            request.HandOver(direct, reason, now);
            request.AppendLog(Note("绿色通道，免审批转区域物流 / Green channel: handed over without approval", input.Comment), caller, now);
        }
        else
        {
            request.AwaitApproval(reason, now);
            request.AppendLog(Note("提交主管审批 / Sent for supervisor approval", input.Comment), caller, now);
        }

        var saved = await requests.SaveAsync(ct);
        return saved.IsSuccess ? await requests.DetailAsync(caller, number, ct) : saved.Error!;
    }

    /// <summary>Requests of the caller's units waiting for a supervisor's decision: green channel first (SLA-5), then oldest first.</summary>
    public async Task<Result<IReadOnlyList<ServiceRequestListItem>>> QueueAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Approvers))
        {
            return Error.Forbidden();
        }

        var pending = (await requests.ScopedAsync(caller, ct)).Where(r => r.ApprovalState == ApprovalState.Pending)
            .OrderByDescending(r => r.GreenChannel).ThenBy(r => r.UpdatedAt).ThenBy(r => r.Number).Take(MaxQueue);
        return await requests.Project(pending).ToListAsync(ct);
    }

    /// <summary>Approves or rejects a pending request: sets the type's approval status and, when approved, hands it over to logistics.</summary>
    public async Task<Result<ServiceRequestDetail>> DecideAsync(Caller caller, string number, DecisionInput input, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Approvers))
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        var approve = input.Decision switch
        {
            "approve" => true,
            "reject" => false,
            _ => (bool?)null,
        };
        if (approve is null)
        {
            e.Add("decision", "Must be one of: approve, reject.");
        }

        e.MaxLength("comment", input.Comment, 2000);
        if (e.Any)
        {
            return e.ToError();
        }

        var request = await (await requests.ScopedAsync(caller, ct)).FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is null)
        {
            return Error.NotFound("Service request");
        }

        if (request.ApprovalState != ApprovalState.Pending)
        {
            return Error.Conflict("Approval.NotPending", "The request is not waiting for approval.");
        }

        var type = await db.RequestTypeAsync(request.TypeCode, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        if ((approve!.Value ? type.ApprovedStatus : type.RejectedStatus) is string statusCode)
        {
            var allowed = type.Profile().Check(request.UserStatus, statusCode, caller);
            if (!allowed.IsSuccess)
            {
                return allowed.Error!;
            }

            var from = type.Profile().Find(request.UserStatus);
            request.MoveTo(allowed.Value, caller, comment, now);
            if (from is not null)
            {
                await sla.StatusChangedAsync(request, from, allowed.Value, ct);
            }
        }

        if (input.Version is int version)
        {
            db.Entry(request).Property(r => r.Version).OriginalValue = version;
        }

        request.Decide(approve.Value, now);
        if (approve.Value && await organization.LogisticsUnitForAsync(request.ResponsibilityCentreId, ct) is Guid logistics)
        {
            request.HandOver(logistics, request.EscalationReason!.Value, now);
        }

        request.AppendLog(Note(approve.Value ? "主管批准 / Approved by supervisor" : "主管不批准 / Rejected by supervisor", comment), caller, now);
        var saved = await requests.SaveAsync(ct);
        return saved.IsSuccess ? await requests.DetailAsync(caller, number, ct) : saved.Error!;
    }

    private Task<bool> GreenSkipsApprovalAsync(string? level, CancellationToken ct) =>
        db.Set<Sla.ServiceLevel>().AnyAsync(l => l.Code == level && l.GreenSkipsApproval, ct);

    private static string Note(string what, string? comment) => string.IsNullOrWhiteSpace(comment) ? what : $"{what}: {comment.Trim()}";
}
