using Kefu.Core.Data;
using Kefu.Core.Scheduling;
using Kefu.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Classification;

/// <summary>The service settings of a customer's current classes, merged so the most generous class wins (CLS-6).</summary>
public sealed class ClassServiceLevels(KefuDb db) : IClassServiceLevels
{
    public async Task<ClassServiceSettings?> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var classes = await (from c in db.Set<CustomerClass>()
                             join k in db.Set<SchemeClass>() on new { c.SchemeCode, c.ClassCode } equals new { k.SchemeCode, ClassCode = k.Code }
                             join s in db.Set<ClassificationScheme>() on c.SchemeCode equals s.Code
                             where c.CustomerId == customerId && s.Enabled
                             orderby s.SortOrder
                             select k).AsNoTracking().ToListAsync(cancellationToken);
        return Merge(classes);
    }

    /// <summary>Highest priority (its SLA level; else the first level given), green channel if any, shortest cadences.</summary>
    public static ClassServiceSettings? Merge(IReadOnlyList<SchemeClass> classes)
    {
        if (classes.Count == 0)
        {
            return null;
        }

        var top = classes.Where(c => c.Priority is not null).OrderByDescending(c => c.Priority).FirstOrDefault();
        var level = top?.ServiceLevelCode ?? classes.Select(c => c.ServiceLevelCode).FirstOrDefault(l => l is not null);
        return new ClassServiceSettings(
            level, top?.Priority, classes.Any(c => c.GreenChannel),
            classes.Min(c => c.CallbackCadenceDays), classes.Min(c => c.VisitCadenceDays));
    }
}

/// <summary>The nightly reclassification of every customer (CLS-4).</summary>
public sealed class ReclassifyJob(ClassificationRuns runs) : IScheduledJob
{
    public string Name => "reclassify";

    public string DefaultCron => "0 30 2 * * ?";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var run = await runs.RunNowAsync(RunTrigger.Schedule, null, "scheduler", null, cancellationToken);
        return $"Reclassification {run.State.ToString().ToLowerInvariant()}: {run.Customers} customers, "
            + string.Join(", ", run.Schemes.Select(s => $"{s.Scheme} {s.State} ({s.Changes} changes)"))
            + (run.Error is null ? "" : " — " + run.Error);
    }
}

public static class ClassificationRegistration
{
    public static IServiceCollection AddClassification(this IServiceCollection services)
    {
        services.AddSingleton<ClassificationSignal>();
        services.AddScoped<ClassificationService>();
        services.AddScoped<ClassificationRuns>();
        services.AddScoped<IClassServiceLevels, ClassServiceLevels>();
        services.AddScoped<IScheduledJob, ReclassifyJob>();
        services.AddScoped<Customers.ICustomerLinks, ClassificationCustomerLinks>();
        return services;
    }
}
