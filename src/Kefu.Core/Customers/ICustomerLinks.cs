using Kefu.Core.Data;

namespace Kefu.Core.Customers;

/// <summary>
/// What one capability keeps of a customer (CUS-6): the rows that stop a delete, and how its rows follow a duplicate into the
/// survivor of a merge. Each capability that owns customer rows implements it in its own folder and registers it in its
/// <c>Add…()</c>; <see cref="CustomerService"/> only loops over the registered ones, and <c>CustomerLinksModelTests</c> fails
/// when an entity with a foreign key to <c>customers</c> (or an <see cref="Common.ICustomerOwned"/> one) is in none of them.
/// </summary>
public interface ICustomerLinks
{
    /// <summary>Stable code of the kind of records: merge preview and summary (<c>Customers.Links.&lt;Kind&gt;</c> in the UI).</summary>
    string Kind { get; }

    /// <summary>The entities these links look after.</summary>
    IReadOnlyCollection<Type> Entities { get; }

    /// <summary>How many rows stop the customer from being deleted (0 for rows a delete may cascade).</summary>
    Task<int> CountBlockingAsync(KefuDb db, Guid customerId, CancellationToken ct);

    /// <summary>
    /// Moves every row of <see cref="CustomerMove.From"/> to <see cref="CustomerMove.To"/> through <paramref name="move"/> (set-based,
    /// audited, inside the caller's transaction) and answers how many rows moved; in a preview it only counts them.
    /// </summary>
    Task<int> MoveAsync(KefuDb db, CustomerMove move, CancellationToken ct);
}

/// <summary>
/// The kinds of <see cref="ICustomerLinks"/> (stable codes: the merge preview's <c>kind</c>, the merge summary, the UI label
/// <c>Customers.Links.&lt;Kind&gt;</c>). A capability that adds links adds its kind here so the API document lists it.
/// </summary>
public static class CustomerLinkKinds
{
    public const string Requests = "Requests";
    public const string Contracts = "Contracts";
    public const string Sla = "Sla";
    public const string Classification = "Classification";
    public const string Transactions = "Transactions";
}
