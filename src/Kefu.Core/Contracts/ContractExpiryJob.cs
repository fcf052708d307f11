using System.Globalization;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Notifications;
using Kefu.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.Contracts;

/// <summary>
/// Daily: marks active contracts expired the day after they end, and reminds the responsible user and the account manager
/// (in the app and by mail) when an active contract is within a reminder step of its end (Contracts:ReminderDays, default 30
/// and 7 days). Each step is sent once per contract and end date (unique row); when a run finds several steps reached
/// at once, it sends one reminder and records them all.
/// </summary>
public sealed class ContractExpiryJob(KefuDb db, NotificationService notifications, ContractOptions options, MailOptions mail, TimeProvider time, BusinessDate dates)
    : IScheduledJob
{
    public string Name => NotificationKinds.ContractExpiry;

    public string DefaultCron => "0 5 1 * * ?";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var today = dates.Today();
        var now = time.GetUtcNow().UtcDateTime;
        var ended = await db.Set<MaintenanceContract>().Where(c => c.State == ContractState.Active && c.EndDate < today).Take(5000).ToListAsync(ct);
        foreach (var c in ended)
        {
            c.Expire(now);
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        int sent = 0, taken = 0;
        if (options.ReminderDays.Count > 0)
        {
            var until = today.AddDays(options.ReminderDays.Max());
            var ending = await db.Set<MaintenanceContract>().AsNoTracking()
                .Where(c => c.State == ContractState.Active && c.EndDate >= today && c.EndDate <= until)
                .OrderBy(c => c.EndDate).Take(5000).ToListAsync(ct);
            foreach (var c in ending)
            {
                try
                {
                    sent += await RemindAsync(c, today, ct) ? 1 : 0;
                }
                catch (DbUpdateException)
                {
                    taken++;
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
        }

        return $"{Name}: {ended.Count} contract(s) expired, {sent} reminder(s) sent, {taken} already sent by another run";
    }

    private async Task<bool> RemindAsync(MaintenanceContract c, DateOnly today, CancellationToken ct)
    {
        var left = c.EndDate.DayNumber - today.DayNumber;
        var done = await db.Set<ContractReminder>().Where(r => r.ContractId == c.Id && r.EndDate == c.EndDate).Select(r => r.DaysBefore).ToListAsync(ct);
        var steps = options.ReminderDays.Where(d => left <= d && !done.Contains(d)).ToList();
        if (steps.Count == 0)
        {
            return false;
        }

        var people = new[] { c.ResponsibleUserId, c.AccountManagerId }.OfType<Guid>().Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id) && u.IsActive).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        var customer = await db.Customers.Where(k => k.Id == c.CustomerId).Select(k => k.Number + " " + k.Name).FirstAsync(ct);
        var end = c.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = $"维保合同 {left} 天后到期 Contract {c.Number} ends in {left} day(s)";
        var body = $"客户 Customer: {customer}\n等级 Level: {c.ServiceLevelCode}\n到期日 End date: {end}\n" +
                   $"{mail.PublicUrl.TrimEnd('/')}/Contracts/Details?number={Uri.EscapeDataString(c.Number)}";

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var step in steps)
        {
            db.Add(ContractReminder.Create(c, step, users.Count, time.GetUtcNow().UtcDateTime));
        }

        notifications.Notify(users.Select(u => u.Id), NotificationKinds.ContractExpiry, title, body, "/Contracts/Details?number=" + Uri.EscapeDataString(c.Number));
        notifications.Enqueue(users.Select(u => u.Email).OfType<string>().Where(m => m.Length > 0).Distinct().ToList(), title, body, false, c.Number);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
