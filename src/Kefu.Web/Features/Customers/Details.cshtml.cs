using Kefu.Core.Audit;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Kefu.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Features.Customers;

public sealed class DetailsModel(
    CustomerService customers, AuditService audit, OrganizationService organization, Kefu.Core.Classification.ClassificationService classification,
    Kefu.Core.Sla.ServiceLevelService levels) : KefuPageModel
{
    /// <summary>The customer's green channel (SLA-5): by class and/or by a supervisor's flag.</summary>
    public Kefu.Core.Sla.GreenChannelDto? Green { get; private set; }

    /// <summary>Set when the supervisor asked to switch the flag: the page asks for confirmation first.</summary>
    [BindProperty(SupportsGet = true)]
    public bool? ConfirmGreen { get; set; }

    public bool CanSetGreen => Caller.IsInAny([Roles.Supervisor, Roles.Administrator]);

    public async Task<IActionResult> OnPostGreenChannelAsync(Guid id, bool on, CancellationToken ct)
    {
        var result = await levels.SetGreenChannelAsync(Caller, id, on, ct);
        if (!result.IsSuccess)
        {
            var failed = Fail(result.Error!);
            if (failed is not PageResult || Missing)
            {
                return failed;
            }

            ConfirmGreen = null;
            return await LoadAsync(id, ct);
        }

        Flash(on ? "Sla.GreenOn" : "Sla.GreenOff");
        return RedirectToPage("/Customers/Details", new { id });
    }

    public CustomerDetail Customer { get; private set; } = null!;

    public IReadOnlyList<AuditEntryDto> History { get; private set; } = [];

    public bool HistoryHasMore { get; private set; }

    public IReadOnlyList<Kefu.Core.Classification.CustomerClassDto> Classes { get; private set; } = [];

    public Classification.ClassHistoryView ClassHistory { get; private set; } = new([], Classification.ClassLabels.None);

    public Kefu.Core.Classification.ChurnDto? Churn { get; private set; }

    /// <summary>Records the churn reason (lifecycle card): reason + note, by the signed-in staff member.</summary>
    public async Task<IActionResult> OnPostChurnAsync(
        Guid id, Kefu.Core.Classification.ChurnReason? churnReason, string? churnNote, int? churnVersion, CancellationToken ct)
    {
        var result = await classification.RecordChurnAsync(Caller, id, new Kefu.Core.Classification.ChurnInput(churnReason, churnNote, churnVersion), ct);
        if (result.IsSuccess)
        {
            Flash("Classification.ChurnRecorded");
            return RedirectToPage("/Customers/Details", new { id });
        }

        var failed = Fail(result.Error!, "Churn");
        if (failed is not PageResult || Missing)
        {
            return failed;
        }

        return await LoadAsync(id, ct);
    }

    /// <summary>Names of the records the history refers to by id (units, account manager, group).</summary>
    public Dictionary<string, string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    [BindProperty(SupportsGet = true)]
    public bool ConfirmDelete { get; set; }

    public bool CanEdit => Caller.IsInAny(Roles.CustomerEditors);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, int version, CancellationToken ct)
    {
        var result = await customers.DeleteAsync(Caller, id, version, ct);
        if (result.IsSuccess)
        {
            Flash("Customers.Deleted");
            return RedirectToPage("/Customers/Index");
        }

        var failed = Fail(result.Error!);
        if (failed is not PageResult || Missing)
        {
            return failed;
        }

        ConfirmDelete = false;
        return await LoadAsync(id, ct);
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await customers.GetAsync(Caller, id, ct);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!);
        }

        Customer = result.Value;
        var green = await levels.GreenChannelAsync(Caller, id, ct);
        Green = green.IsSuccess ? green.Value : null;
        Classes = (await classification.CurrentAsync(Caller, id, ct)).Value;
        var changes = (await classification.HistoryAsync(Caller, id, ct)).Value;
        var labels = Classification.ClassLabels.None;
        if (changes.Count > 0 && await classification.ListSchemesAsync(Caller, ct) is { IsSuccess: true } schemes)
        {
            labels = new(schemes.Value);
        }

        ClassHistory = new(changes, labels);
        Churn = (await classification.GetChurnAsync(Caller, id, ct)).Value;
        var history = await audit.ForCustomerAsync(Caller, id, null, 100, ct);
        if (history.IsSuccess)
        {
            History = history.Value.Items;
            HistoryHasMore = history.Value.Next is not null;
            foreach (var unit in await organization.ListAsync(Caller, ct))
            {
                Names[unit.Id.ToString()] = unit.Name;
            }

            if (Customer.AccountManagerId is Guid manager && Customer.AccountManagerName is not null)
            {
                Names[manager.ToString()] = Customer.AccountManagerName;
            }

            if (Customer.GroupId is Guid group && Customer.GroupName is not null)
            {
                Names[group.ToString()] = Customer.GroupName;
            }

            // Moved rows name their customers: this one, and those merged into it (named by the merge's summary entry).
            Names[Customer.Id.ToString()] = $"{Customer.Number} {Customer.Name}";
            foreach (var merge in History.Where(h => h.Entity == CustomerMove.MergeEntity && h.Before is not null))
            {
                if (System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(merge.Before!) is { } before && before.TryGetValue("Duplicate", out var name))
                {
                    Names[merge.EntityKey] = name;
                }
            }
        }

        return Page();
    }
}
