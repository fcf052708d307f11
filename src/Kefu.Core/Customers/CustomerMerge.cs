using System.Text.Json;
using Kefu.Core.Audit;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kefu.Core.Customers;

/// <summary>How many rows of one kind a merge moves (the preview and the merge's summary audit entry list these).</summary>
public sealed record CustomerLinkCount([property: OneOf(typeof(CustomerLinkKinds))] string Kind, int Rows);

/// <summary>What merging a duplicate into a survivor would move, kind by kind (CUS-6).</summary>
public sealed record MergePreview(Guid SurvivorId, string SurvivorNumber, string SurvivorName, Guid DuplicateId, string DuplicateNumber, string DuplicateName,
    IReadOnlyList<CustomerLinkCount> Links);

/// <summary>
/// One merge's move of customer rows from <see cref="From"/> (the duplicate) to <see cref="To"/> (the survivor), handed to every
/// <see cref="ICustomerLinks"/>. <see cref="MoveAsync{T}"/> is set-based and audited through <see cref="SetAudit"/>: one
/// <see cref="AuditEntry"/> per moved row (entity, key, customer before/after, who, when), in the caller's transaction. Those entries
/// stay on the duplicate's history, which the survivor's history includes once merged (<see cref="AuditService.ForCustomerAsync"/>).
/// In a preview it only counts.
/// </summary>
public sealed class CustomerMove
{
    /// <summary>The summary entry's entity: its key is the duplicate, its customer the survivor.</summary>
    public const string MergeEntity = "CustomerMerge";

    /// <summary>As the audit interceptor writes JSON: Chinese names stay readable.</summary>
    private static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private readonly KefuDb db;
    private readonly Caller caller;
    private readonly DateTime at;

    internal CustomerMove(KefuDb db, Guid from, Guid to, Caller caller, DateTime at, bool preview)
    {
        this.db = db;
        From = from;
        To = to;
        this.caller = caller;
        this.at = at;
        IsPreview = preview;
    }

    public Guid From { get; }

    public Guid To { get; }

    /// <summary>Only counting what would move (merge preview); nothing is written.</summary>
    public bool IsPreview { get; }

    /// <summary>
    /// Moves the rows of <typeparamref name="T"/> whose <paramref name="column"/> holds <see cref="From"/> to <see cref="To"/> and answers
    /// how many moved, each audited by <see cref="SetAudit"/> (versioned rows get a new version). When the column is part of the primary
    /// key (one row per customer, or per customer and scheme), a row the survivor already has under the same key stays the survivor's:
    /// the duplicate's is deleted (audited) instead.
    /// </summary>
    public async Task<int> MoveAsync<T>(CancellationToken ct, string column = "CustomerId")
        where T : class
    {
        // Table and column names come from the EF Core model, values travel as parameters.
        var rows = new RowSet(db, typeof(T), column);
        var moving = rows.Where(keepSurvivors: true);
        if (IsPreview)
        {
            var count = $"SELECT CAST(COUNT(*) AS INTEGER) AS {rows.Quote("Value")} FROM {rows.Table} t WHERE {moving}";
            return await db.Database.SqlQueryRaw<int>(count, rows.Parameters(From, To)).SingleAsync(ct);
        }

        var audit = SetAudit.For(db, caller, at);
        SqlArg[] args = [new("from", From), new("to", To)];
        List<(string, string)> set = [(rows.ColumnProperty, "@to")];
        if (rows.VersionColumn is { } version)
        {
            set.Add((nameof(Common.IVersioned.Version), $"t.{version} + 1"));
        }

        var moved = await audit.UpdateAsync<T>(moving, set, args, ct: ct);
        if (rows.CustomerInKey)
        {
            await audit.DeleteAsync<T>($"t.{rows.Column} = @from", args, ct);
        }

        return moved;
    }

    /// <summary>The merge's one summary entry on the survivor: which customer was merged in, and how many rows of each kind moved.</summary>
    internal static AuditEntry Summary(Caller caller, DateTime at, Customer survivor, Customer duplicate, IReadOnlyList<CustomerLinkCount> counts) => new()
    {
        At = at,
        UserId = caller.UserId,
        UserName = caller.UserName,
        Entity = MergeEntity,
        EntityKey = duplicate.Id.ToString(),
        Action = AuditAction.Update,
        Before = JsonSerializer.Serialize(new Dictionary<string, string> { ["Duplicate"] = $"{duplicate.Number} {duplicate.Name}" }, AuditJson),
        After = JsonSerializer.Serialize(counts.ToDictionary(c => c.Kind, c => c.Rows), AuditJson),
        CustomerId = survivor.Id,
    };

    /// <summary>The SQL names of one entity's table, its customer column and its key, read from the EF Core model.</summary>
    private sealed class RowSet
    {
        private readonly KefuDb db;
        private readonly ISqlGenerationHelper sql;
        private readonly StoreObjectIdentifier store;
        private readonly IProperty customer;
        private readonly IReadOnlyList<IProperty> key;

        public RowSet(KefuDb db, Type type, string column)
        {
            this.db = db;
            sql = db.GetService<ISqlGenerationHelper>();
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            customer = entity.FindProperty(column) ?? throw new InvalidOperationException($"{type.Name} has no property {column}.");
            key = entity.FindPrimaryKey()!.Properties;
            EntityName = type.Name;
            Table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
            Column = Quote(customer.GetColumnName(store)!);
            VersionColumn = typeof(Common.IVersioned).IsAssignableFrom(type) && entity.FindProperty(nameof(Common.IVersioned.Version)) is { } version
                ? Quote(version.GetColumnName(store)!)
                : null;
        }

        public string EntityName { get; }

        public string Table { get; }

        public string Column { get; }

        public string ColumnProperty => customer.Name;

        public bool CustomerInKey => key.Contains(customer);

        /// <summary>A versioned row's concurrency token (quoted) moves with it, so an edit read before the merge conflicts.</summary>
        public string? VersionColumn { get; }

        public string Quote(string name) => sql.DelimitIdentifier(name);

        /// <summary>Rows of the duplicate; with <paramref name="keepSurvivors"/>, not those whose key the survivor already holds.</summary>
        public string Where(bool keepSurvivors)
        {
            var where = $"t.{Column} = @from";
            if (keepSurvivors && CustomerInKey)
            {
                where += $" AND NOT EXISTS (SELECT 1 FROM {Table} s WHERE s.{Column} = @to"
                    + string.Concat(key.Where(p => p != customer).Select(p => $" AND s.{Quote(p.GetColumnName(store)!)} = t.{Quote(p.GetColumnName(store)!)}"))
                    + ")";
            }

            return where;
        }

        public object[] Parameters(Guid from, Guid to)
        {
            using var command = db.Database.GetDbConnection().CreateCommand();
            var mapping = customer.GetRelationalTypeMapping();
            return [mapping.CreateParameter(command, "@from", from, customer.IsNullable), mapping.CreateParameter(command, "@to", to, customer.IsNullable)];
        }
    }
}
