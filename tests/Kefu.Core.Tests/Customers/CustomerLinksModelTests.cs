using Kefu.Core.Common;
using Kefu.Core.Customers;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Core.Tests.Customers;

/// <summary>
/// Merge moves and delete counts what the registered <see cref="ICustomerLinks"/> cover; this walks the EF Core model so a table that
/// belongs to a customer and is in none of them (the next capability's forgotten table) fails here instead of vanishing on a merge.
/// </summary>
public sealed class CustomerLinksModelTests
{
    [Fact]
    public void EveryCustomerOwnedEntity_IsCoveredByARegisteredLink()
    {
        Assert.Empty(Uncovered(_ => { }));
    }

    [Fact]
    public void EveryKind_IsCoveredOnce()
    {
        using var provider = Provider(_ => { });
        using var scope = provider.CreateScope();
        var links = scope.ServiceProvider.GetServices<ICustomerLinks>().ToList();
        Assert.Equal(links.Count, links.Select(l => l.Kind).Distinct(StringComparer.Ordinal).Count());
        var kinds = typeof(CustomerLinkKinds).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.All(links, l => Assert.Contains(l.Kind, kinds));
        var entities = links.SelectMany(l => l.Entities).ToList();
        Assert.Equal(entities.Count, entities.Distinct().Count());
    }

    [Fact]
    public void AForgottenCapability_IsReported()
    {
        var uncovered = Uncovered(services =>
        {
            var classification = services.Single(d => d.ServiceType == typeof(ICustomerLinks) && d.ImplementationType?.Name == "ClassificationCustomerLinks");
            services.Remove(classification);
        });

        Assert.Equal(["ClassChange", "CustomerChurn", "CustomerClass"], uncovered);
    }

    /// <summary>
    /// Entities with a foreign key to <see cref="Customer"/> or implementing <see cref="ICustomerOwned"/>, except the customer aggregate's
    /// own children (contacts, addresses, tags, dates: reached through the customer's navigations and merged by <c>Customer.Absorb</c>),
    /// that no registered link lists.
    /// </summary>
    private static List<string> Uncovered(Action<IServiceCollection> change)
    {
        using var provider = Provider(change);
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDb>();
        var covered = scope.ServiceProvider.GetServices<ICustomerLinks>().SelectMany(l => l.Entities).ToHashSet();
        var customer = db.Model.FindEntityType(typeof(Customer))!;
        var aggregate = customer.GetNavigations().Select(n => n.TargetEntityType.ClrType).ToHashSet();
        var owning = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && e.ClrType != typeof(Customer) && !aggregate.Contains(e.ClrType))
            .Where(e => e.GetForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(Customer)) || typeof(ICustomerOwned).IsAssignableFrom(e.ClrType))
            .Select(e => e.ClrType)
            .ToList();
        Assert.Contains(typeof(Kefu.Core.ServiceRequests.ServiceRequest), owning);
        Assert.Contains(typeof(Kefu.Core.Transactions.CustomerTransaction), owning);
        return owning.Where(t => !covered.Contains(t)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
    }

    private static ServiceProvider Provider(Action<IServiceCollection> change)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICallerAccessor>(new FixedCallerAccessor(Caller.System));
        services.AddKefuCore(new DatabaseOptions { ConnectionString = "Data Source=:memory:" });
        change(services);
        return services.BuildServiceProvider();
    }
}
