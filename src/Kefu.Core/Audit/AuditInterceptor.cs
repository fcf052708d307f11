using System.Text.Json;
using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kefu.Core.Audit;

/// <summary>
/// Bumps <see cref="IVersioned.Version"/> on updated rows and writes one <see cref="AuditEntry"/> per
/// inserted, updated or deleted row in the same SaveChanges, so the audit trail commits with the change.
/// </summary>
public sealed class AuditInterceptor(ICallerAccessor callerAccessor, TimeProvider time, Scheduling.JobActor jobActor) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal)
    {
        nameof(User.PasswordHash), nameof(User.SecurityStamp), nameof(ApiToken.TokenHash), "Xml",
    };

    /// <summary>Who the changes are audited as: the job's system actor in a scheduled job, else the signed-in caller.</summary>
    internal Caller Actor => jobActor.Caller ?? callerAccessor.Caller;

    internal DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Properties never written to the audit.</summary>
    internal static bool IsSecret(string property) => Secret.Contains(property);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        // A scheduled job has no signed-in caller: its changes are audited as the system actor named after the job.
        var caller = Actor;
        var now = Now;
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditEntry and not Data.IdempotencyRecord and not Notifications.OutgoingMail and not Scheduling.JobRun)
            .ToList();
        foreach (var entry in entries)
        {
            if (entry.State == EntityState.Modified && entry.Entity is IVersioned versioned && HasRealChange(entry))
            {
                versioned.BumpVersion();
            }

            var audit = ToAudit(entry, caller, now);
            if (audit is not null)
            {
                db.Add(audit);
            }
        }
    }

    private static bool HasRealChange(EntityEntry entry) =>
        entry.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(IVersioned.Version));

    private static AuditEntry? ToAudit(EntityEntry entry, Caller caller, DateTime now)
    {
        var props = entry.Properties.Where(p => !Secret.Contains(p.Metadata.Name)).ToList();
        Dictionary<string, object?>? before = null, after = null;
        switch (entry.State)
        {
            case EntityState.Added:
                after = props.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue);
                break;
            case EntityState.Deleted:
                before = props.ToDictionary(p => p.Metadata.Name, p => p.OriginalValue);
                break;
            default:
                var changed = props.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                if (changed.Count == 0)
                {
                    return null;
                }

                before = changed.ToDictionary(p => p.Metadata.Name, p => p.OriginalValue);
                after = changed.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue);
                break;
        }

        var (entityName, key, customerId) = Identify(entry);
        return new AuditEntry
        {
            At = now,
            UserId = caller.UserId,
            UserName = caller.UserName,
            Entity = entityName,
            EntityKey = key,
            Action = entry.State switch
            {
                EntityState.Added => AuditAction.Insert,
                EntityState.Deleted => AuditAction.Delete,
                _ => AuditAction.Update,
            },
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            CustomerId = customerId,
        };
    }

    private static (string Entity, string Key, Guid? CustomerId) Identify(EntityEntry entry)
    {
        var key = string.Join("|", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
        Guid? customerId = entry.Entity switch
        {
            Customer c => c.Id,
            ICustomerOwned owned => owned.CustomerId,
            _ => null,
        };
        return (entry.Metadata.ClrType.Name, key, customerId);
    }
}
