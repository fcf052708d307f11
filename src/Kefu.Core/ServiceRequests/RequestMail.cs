using System.Globalization;
using System.Text;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Notifications;
using Kefu.Core.Organization;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.ServiceRequests;

public sealed record DepartmentMailInput(IReadOnlyList<string>? To, bool Urgent, string? Message);

public sealed record MailQueued(Guid Id, IReadOnlyList<string> To, string Subject, bool Urgent);

/// <summary>
/// Who hears about a request and what they read: the emergency notice to technicians on duty (SRQ-5) and the
/// request sent to a department by e-mail (SRQ-9). Mails are bilingual (zh-CN, then en).
/// </summary>
public sealed class RequestMail(KefuDb db, NotificationService notifications, MailOptions options)
{
    /// <summary>
    /// Notifies the technicians on duty in the request's work centre (all its technicians when nobody is on duty;
    /// the centre's supervisors when there is no work centre), in the app and by urgent mail.
    /// </summary>
    internal async Task NotifyEmergencyAsync(ServiceRequest request, string customerName, CancellationToken ct)
    {
        var people = await RecipientsAsync(request, ct);
        var title = $"紧急服务通知单 {request.Number} / Emergency request {request.Number}";
        var body = $"{customerName}: {request.ShortText}";
        notifications.Notify(people.Select(p => p.Id), NotificationKinds.EmergencyRequest, title, body, request.Number);
        notifications.Enqueue(
            people.Select(p => p.Email).OfType<string>().ToList(),
            $"[紧急 URGENT] {title} · {customerName}",
            Body(request, customerName, null, []),
            urgent: true,
            request.Number);
    }

    internal static Result<List<string>> ValidateAddresses(DepartmentMailInput input)
    {
        var e = new ValidationErrors();
        var to = (input.To ?? []).Select(a => a?.Trim() ?? "").ToList();
        if (to.Count is 0 or > 20)
        {
            e.Add("to", "Give 1 to 20 e-mail addresses.");
        }

        for (var i = 0; i < to.Count; i++)
        {
            if (!System.Net.Mail.MailAddress.TryCreate(to[i], out var parsed) || parsed.Address != to[i])
            {
                e.Add($"to[{i}]", "Not an e-mail address.");
            }
        }

        e.MaxLength("message", input.Message, 4000);
        return e.Any ? e.ToError() : to.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    internal MailQueued QueueForDepartment(ServiceRequest request, string customerName, IReadOnlyList<string> to, DepartmentMailInput input)
    {
        var subject = $"{(input.Urgent ? "[紧急 URGENT] " : "")}服务通知单 Service request {request.Number} · {customerName}";
        var queued = notifications.Enqueue(to, subject, Body(request, customerName, input.Message, request.Log), input.Urgent, request.Number)!;
        return new MailQueued(queued.Id, to, subject, input.Urgent);
    }

    private string Body(ServiceRequest r, string customerName, string? message, IReadOnlyList<ServiceRequestLogEntry> log)
    {
        var link = $"{options.PublicUrl.TrimEnd('/')}/ServiceRequests/Details?number={Uri.EscapeDataString(r.Number)}";
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(message))
        {
            text.AppendLine(message.Trim()).AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"通知单号 / Number: {r.Number}")
            .AppendLine(CultureInfo.InvariantCulture, $"客户 / Customer: {customerName}")
            .AppendLine(CultureInfo.InvariantCulture, $"问题 / Problem: {r.ShortText}")
            .AppendLine(CultureInfo.InvariantCulture, $"地址 / Address: {r.ObjectProvince}{r.ObjectCity}{r.ObjectDistrict}{r.ObjectStreet}")
            .AppendLine(CultureInfo.InvariantCulture, $"完款 / Paid in full: {(r.PaidInFull ? "是 / yes" : "否 / no")}");
        foreach (var entry in log.OrderBy(l => l.At))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"[{entry.At:yyyy-MM-dd HH:mm} UTC] {entry.AuthorName}:").AppendLine(entry.Text);
        }

        return text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"打开 / Open: {link}").ToString();
    }

    private async Task<List<Recipient>> RecipientsAsync(ServiceRequest r, CancellationToken ct)
    {
        if (r.WorkCentreId is Guid wc)
        {
            var technicians = await db.UsersInRole(Roles.Technician).Where(u => u.IsActive && u.OrgUnitId == wc)
                .Select(u => new Recipient(u.Id, u.Email, u.IsOnDuty)).ToListAsync(ct);
            var onDuty = technicians.Where(t => t.OnDuty).ToList();
            if (technicians.Count > 0)
            {
                return onDuty.Count > 0 ? onDuty : technicians;
            }
        }

        return await db.UsersInRole(Roles.Supervisor).Where(u => u.IsActive && u.OrgUnitId == r.ResponsibilityCentreId)
            .Select(u => new Recipient(u.Id, u.Email, u.IsOnDuty)).ToListAsync(ct);
    }

    private sealed record Recipient(Guid Id, string? Email, bool OnDuty);
}
