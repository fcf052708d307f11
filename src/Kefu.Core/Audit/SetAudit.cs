using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Kefu.Core.Customers;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kefu.Core.Audit;

/// <summary>A named parameter of a <see cref="SetAudit"/> statement, referenced in its SQL as <c>@Name</c>.</summary>
/// <remarks>Values are converted as EF Core stores them: Guids as upper-case text and instants as text on SQLite, enums as names.</remarks>
public readonly record struct SqlArg(string Name, object? Value);

/// <summary>
/// Audited set-based writes (SEC-2): each statement changes its rows and writes one <see cref="AuditEntry"/> per changed row,
/// in the caller's transaction, with the same actor, entity name, key text, customer id and before/after JSON (changed
/// properties; every property on insert and delete; secrets left out) as <see cref="AuditInterceptor"/> writes for tracked changes,
/// so the audit page and the customer's history panel show both alike. The JSON is built by the database from the rows
/// themselves: nothing is read into the app.
/// </summary>
/// <remarks>
/// <para>SQL fragments (<c>where</c>, <c>set</c> values, <c>from</c>) are the caller's: the target table is aliased <c>t</c>,
/// columns are quoted (<c>t."State"</c>), parameters are <see cref="SqlArg"/>s written <c>@Name</c>. They must be deterministic
/// (no <c>random()</c>, no clock functions): on SQLite they are evaluated twice.</para>
/// <para>PostgreSQL: one statement. The rows are locked and their old values read in a CTE (<c>SELECT … FOR UPDATE OF t</c>),
/// the data-modifying CTE writes them (<c>UPDATE … FROM old RETURNING</c>, <c>DELETE … RETURNING</c>,
/// <c>INSERT … RETURNING</c>) and the audit rows are inserted from what it returned; so a concurrent writer (another node claiming
/// the same rows) is audited only for the rows it really changed.
/// SQLite (one writer at a time; RETURNING cannot feed another statement): within one transaction, the audit rows are inserted
/// from the same predicate just before the update or delete; inserted rows are found by their rowid, above the table's highest
/// rowid before the insert. Without a current transaction each call opens and commits its own.</para>
/// <para>The actor is the one the context's <see cref="AuditInterceptor"/> uses (the job's system actor in a scheduled job, else
/// the signed-in caller) unless one is given.</para>
/// <example>Re-point a customer's rows, audited per row:
/// <code>
/// var moved = await SetAudit.For(db).UpdateAsync&lt;CustomerTransaction&gt;(
///     where: "t.\"CustomerId\" = @from", set: [("CustomerId", "@to")], args: [new("from", from), new("to", to)], ct: ct);
/// </code></example>
/// </remarks>
public sealed class SetAudit
{
    private static readonly ConcurrentDictionary<(Type, bool), Table> Tables = new();

    private readonly DbContext db;
    private readonly bool postgres;
    private readonly Caller actor;
    private readonly DateTime at;

    private SetAudit(DbContext db, Caller actor, DateTime at)
    {
        this.db = db;
        this.actor = actor;
        this.at = at;
        postgres = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
    }

    /// <summary>Who the rows are audited as.</summary>
    public Caller Actor => actor;

    /// <summary>The audited writes of <paramref name="db"/>, as <paramref name="actor"/> (default: the interceptor's) at <paramref name="at"/> (default: now).</summary>
    public static SetAudit For(DbContext db, Caller? actor = null, DateTime? at = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var interceptor = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<AuditInterceptor>().FirstOrDefault();
        var who = actor ?? interceptor?.Actor ?? throw new InvalidOperationException("No actor: the context has no audit interceptor and none was given.");
        var when = at ?? interceptor?.Now ?? throw new InvalidOperationException("No time: the context has no audit interceptor and none was given.");
        return new SetAudit(db, who, when);
    }

    /// <summary>
    /// <c>UPDATE</c> the rows of <typeparamref name="T"/> matching <paramref name="where"/>, setting each property of
    /// <paramref name="set"/> to its SQL value (it may read the row <c>t</c> and the tables of <paramref name="from"/>, e.g.
    /// <c>"classification_staging n"</c>). As for tracked changes, rows whose values do not change are updated but not audited, and an
    /// <see cref="Common.IVersioned.Version"/> set here (e.g. <c>("Version", "t.\"Version\" + 1")</c>: nothing bumps it for you) is not in the JSON.
    /// </summary>
    /// <returns>The number of rows updated.</returns>
    public async Task<int> UpdateAsync<T>(
        string where, IReadOnlyList<(string Property, string Value)> set, IReadOnlyList<SqlArg>? args = null, string? from = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        var table = TableOf(typeof(T));
        var assigned = set.Select(s => table.Property(s.Property)).ToList();
        var keys = table.Keys.Select((k, i) => $"t.{Q(k.Column)} AS k_{i}");
        var olds = assigned.Select((p, i) => $"t.{Q(p.Column)} AS o_{i}");
        var news = set.Select((s, i) => $"({s.Value}) AS n_{i}");
        var columns = string.Join(", ", keys.Concat(olds).Concat(news).Append($"{table.CustomerSql("t")} AS audit_customer"));
        var source = $"{Q(table.Name)} t" + (from is null ? "" : ", " + from);
        var key = table.KeySql(i => $"k_{i}");
        // As tracked: a bumped Version is written but not audited, and a row whose other values stay is not audited.
        var audited = assigned.Select((p, i) => (Property: p, Index: i))
            .Where(a => !(a.Property.Name == nameof(Common.IVersioned.Version) && typeof(Common.IVersioned).IsAssignableFrom(typeof(T))))
            .OrderBy(a => table.Properties.IndexOf(a.Property)).ToList();
        string Differs(int i) => postgres ? $"o_{i} IS DISTINCT FROM n_{i}" : $"o_{i} IS NOT n_{i}";
        var changed = audited.Count == 0 ? "1 = 0" : string.Join(" OR ", audited.Select(a => Differs(a.Index)));
        var before = Json(audited.Select(a => (a.Property, $"o_{a.Index}", (string?)Differs(a.Index))));
        var after = Json(audited.Select(a => (a.Property, $"n_{a.Index}", (string?)Differs(a.Index))));
        var audit = AuditInsert(table, key, AuditAction.Update, before, after);
        if (postgres)
        {
            var sets = string.Join(", ", assigned.Select((p, i) => $"{Q(p.Column)} = old.n_{i}"));
            var join = string.Join(" AND ", table.Keys.Select((k, i) => $"t.{Q(k.Column)} = old.k_{i}"));
            return await ScalarAsync(
                $"""
                WITH old AS MATERIALIZED (SELECT {columns} FROM {source} WHERE {where} FOR UPDATE OF t),
                changed AS (UPDATE {Q(table.Name)} t SET {sets} FROM old WHERE {join} RETURNING old.*),
                audited AS ({audit} FROM changed WHERE {changed})
                SELECT CAST(COUNT(*) AS integer) FROM changed
                """,
                args, ct);
        }

        var setsLite = string.Join(", ", set.Select((s, i) => $"{Q(assigned[i].Column)} = ({s.Value})"));
        return await InTransactionAsync(async () =>
        {
            await ExecuteAsync($"{audit} FROM (SELECT {columns} FROM {source} WHERE {where}) x WHERE {changed}", args, ct);
            return await ExecuteAsync($"UPDATE {Q(table.Name)} AS t SET {setsLite}{(from is null ? "" : " FROM " + from)} WHERE {where}", args, ct);
        }, ct);
    }

    /// <summary><c>DELETE</c> the rows of <typeparamref name="T"/> matching <paramref name="where"/>; each audited with all its values before.</summary>
    /// <returns>The number of rows deleted.</returns>
    public async Task<int> DeleteAsync<T>(string where, IReadOnlyList<SqlArg>? args = null, CancellationToken ct = default)
    {
        var table = TableOf(typeof(T));
        var all = Json(table.Properties.Select(p => (p, $"x.{Q(p.Column)}", (string?)null)));
        var audit = AuditInsert(table, table.KeySql(i => $"x.{Q(table.Keys[i].Column)}"), AuditAction.Delete, all, null, "x");
        if (postgres)
        {
            return await ScalarAsync(
                $"""
                WITH x AS (DELETE FROM {Q(table.Name)} t WHERE {where} RETURNING t.*),
                audited AS ({audit} FROM x)
                SELECT CAST(COUNT(*) AS integer) FROM x
                """,
                args, ct);
        }

        return await InTransactionAsync(async () =>
        {
            await ExecuteAsync($"{audit} FROM (SELECT * FROM {Q(table.Name)} t WHERE {where}) x", args, ct);
            return await ExecuteAsync($"DELETE FROM {Q(table.Name)} AS t WHERE {where}", args, ct);
        }, ct);
    }

    /// <summary>
    /// <c>INSERT INTO</c> <typeparamref name="T"/>'s table <c>(<paramref name="columns"/>) <paramref name="select"/></c>
    /// (quoted column names; a <c>SELECT</c> or <c>VALUES</c>); each new row audited with all its values after (generated keys included).
    /// </summary>
    /// <returns>The number of rows inserted.</returns>
    public async Task<int> InsertAsync<T>(string columns, string select, IReadOnlyList<SqlArg>? args = null, CancellationToken ct = default)
    {
        var table = TableOf(typeof(T));
        var insert = $"INSERT INTO {Q(table.Name)} ({columns})\n{select}";
        if (postgres)
        {
            return await ScalarAsync(
                $"""
                WITH x AS ({insert} RETURNING *),
                audited AS ({InsertedSql(table, "x")} FROM x)
                SELECT CAST(COUNT(*) AS integer) FROM x
                """,
                args, ct);
        }

        return await InTransactionAsync(async () =>
        {
            var mark = await LastRowIdAsync(table.Name, ct);
            var rows = await ExecuteAsync(insert, args, ct);
            await InsertedAsync<T>($"t.rowid > {mark.ToString(CultureInfo.InvariantCulture)}", null, ct);
            return rows;
        }, ct);
    }

    /// <summary>
    /// Audits rows of <typeparamref name="T"/> already inserted in the current transaction by a bulk path that cannot return them
    /// (binary COPY, a prepared INSERT per row): every row matching <paramref name="where"/> gets one insert entry with all its values.
    /// The predicate must select exactly the rows just written (e.g. an id range and the import id; on SQLite <c>t.rowid</c> above the table's highest before the writes).
    /// </summary>
    /// <returns>The number of rows audited.</returns>
    public Task<int> InsertedAsync<T>(string where, IReadOnlyList<SqlArg>? args = null, CancellationToken ct = default)
    {
        var table = TableOf(typeof(T));
        return ExecuteAsync($"{InsertedSql(table, "t")} FROM {Q(table.Name)} t WHERE {where}", args, ct);
    }

    private async Task<long> LastRowIdAsync(string table, CancellationToken ct)
    {
        await using var command = await CommandAsync($"SELECT COALESCE(MAX(rowid), 0) FROM {Q(table)}", null, ct);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private string InsertedSql(Table table, string alias)
    {
        var all = Json(table.Properties.Select(p => (p, $"{alias}.{Q(p.Column)}", (string?)null)));
        return AuditInsert(table, table.KeySql(i => $"{alias}.{Q(table.Keys[i].Column)}"), AuditAction.Insert, null, all, alias);
    }

    /// <summary><c>INSERT INTO audit_entries (…) SELECT …</c> up to its FROM clause.</summary>
    private string AuditInsert(Table table, string key, AuditAction action, string? before, string? after, string? alias = null)
    {
        var customer = alias is null ? "audit_customer" : table.CustomerSql(alias);
        return "INSERT INTO audit_entries (\"At\", \"UserId\", \"UserName\", \"Entity\", \"EntityKey\", \"Action\", \"Before\", \"After\", \"CustomerId\") " +
            (postgres ? "SELECT CAST(@audit_at AS timestamptz), CAST(@audit_user_id AS uuid), CAST(@audit_user_name AS varchar), " : "SELECT @audit_at, @audit_user_id, @audit_user_name, ") +
            $"'{table.Entity}', {key}, '{action}', {before ?? "NULL"}, {after ?? "NULL"}, {customer}";
    }

    /// <summary>A JSON object of the properties; a property with a condition is included only where it holds.</summary>
    private string Json(IEnumerable<(Field Property, string Value, string? When)> properties)
    {
        var pieces = properties.Select(p =>
        {
            var piece = $"',\"{p.Property.Name}\":' || {JsonValue(p.Property, p.Value)}";
            return p.When is null ? piece : $"CASE WHEN {p.When} THEN {piece} ELSE '' END";
        });
        return $"'{{' || substr({string.Join(" || ", pieces)}, 2) || '}}'";
    }

    /// <summary>The JSON text System.Text.Json writes for the property's value (as the interceptor serializes it).</summary>
    private string JsonValue(Field p, string v)
    {
        var type = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
        string text;
        if (type.IsEnum)
        {
            var cases = Enum.GetValues(type).Cast<object>().Select(e =>
                $" WHEN '{e}' THEN '{Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}'");
            text = $"CASE {v}{string.Concat(cases)} END";
        }
        else if (type == typeof(string))
        {
            text = postgres ? $"to_json(CAST({v} AS text))::text" : $"json_quote({v})";
        }
        else if (type == typeof(Guid))
        {
            text = postgres ? $"'\"' || CAST({v} AS text) || '\"'" : $"'\"' || lower({v}) || '\"'";
        }
        else if (type == typeof(DateTime))
        {
            text = postgres
                ? $"'\"' || to_char({v} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || rtrim(rtrim(to_char({v} AT TIME ZONE 'UTC', '.US'), '0'), '.') || 'Z\"'"
                : $"'\"' || replace({v}, ' ', 'T') || 'Z\"'";
        }
        else if (type == typeof(DateOnly))
        {
            text = postgres ? $"'\"' || to_char({v}, 'YYYY-MM-DD') || '\"'" : $"'\"' || {v} || '\"'";
        }
        else if (type == typeof(bool))
        {
            text = $"CASE WHEN {v} THEN 'true' WHEN NOT {v} THEN 'false' END";
        }
        else if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(decimal) || type == typeof(double))
        {
            text = $"CAST({v} AS {(postgres ? "text" : "TEXT")})";
        }
        else
        {
            throw new NotSupportedException($"SetAudit cannot write {p.Name} ({p.Type.Name}) as JSON.");
        }

        return $"COALESCE({text}, 'null')";
    }

    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        await tx.CommitAsync(ct);
        return result;
    }

    private async Task<int> ExecuteAsync(string sql, IReadOnlyList<SqlArg>? args, CancellationToken ct)
    {
        await using var command = await CommandAsync(sql, args, ct);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<int> ScalarAsync(string sql, IReadOnlyList<SqlArg>? args, CancellationToken ct)
    {
        await using var command = await CommandAsync(sql, args, ct);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private async Task<DbCommand> CommandAsync(string sql, IReadOnlyList<SqlArg>? args, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = db.Database.GetCommandTimeout() ?? 30;
        IEnumerable<SqlArg> all = [new("audit_at", at), new("audit_user_id", actor.UserId), new("audit_user_name", actor.UserName), .. args ?? []];
        foreach (var arg in all.Where(a => sql.Contains("@" + a.Name, StringComparison.Ordinal)))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + arg.Name;
            parameter.Value = Stored(arg.Value) ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>A parameter value as EF Core stores it.</summary>
    private object? Stored(object? value) => value switch
    {
        Enum e => e.ToString(),
        Guid g when !postgres => g.ToString().ToUpperInvariant(),
        DateTime d when !postgres => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        DateOnly d when !postgres => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value,
    };

    private static string Q(string identifier) => "\"" + identifier + "\"";

    private Table TableOf(Type type) => Tables.GetOrAdd((type, postgres), k =>
    {
        var entity = db.Model.FindEntityType(k.Item1) ?? throw new InvalidOperationException($"{k.Item1.Name} is not an entity of the model.");
        var name = entity.GetTableName() ?? throw new InvalidOperationException($"{k.Item1.Name} has no table.");
        var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
        Field ColumnOf(IProperty p) => new(p.Name, p.GetColumnName(store) ?? p.Name, p.ClrType);
        var keys = entity.FindPrimaryKey()!.Properties.Select(ColumnOf).ToList();
        var properties = entity.GetProperties().Where(p => !AuditInterceptor.IsSecret(p.Name)).Select(ColumnOf).ToList();
        string? customer = typeof(Customer).IsAssignableFrom(k.Item1) ? keys[0].Column
            : typeof(Common.ICustomerOwned).IsAssignableFrom(k.Item1) ? entity.FindProperty(nameof(Common.ICustomerOwned.CustomerId))!.GetColumnName(store)
            : null;
        return new Table(k.Item1.Name, name, keys, properties, customer, k.Item2);
    });

    private sealed record Field(string Name, string Column, Type Type);

    private sealed record Table(string Entity, string Name, IReadOnlyList<Field> Keys, List<Field> Properties, string? Customer, bool Postgres)
    {
        public Field Property(string name) =>
            Properties.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"{Entity} has no audited property {name}.", nameof(name));

        public string CustomerSql(string alias) => Customer is null ? "NULL" : $"{alias}.{Q(Customer)}";

        /// <summary>The interceptor's key text: the key values joined by '|' (Guids in lower case).</summary>
        public string KeySql(Func<int, string> value)
        {
            var parts = Keys.Select((k, i) =>
            {
                var type = Nullable.GetUnderlyingType(k.Type) ?? k.Type;
                var v = value(i);
                return type == typeof(Guid) ? (Postgres ? $"CAST({v} AS text)" : $"lower({v})")
                    : type == typeof(string) ? v
                    : $"CAST({v} AS {(Postgres ? "text" : "TEXT")})";
            });
            return string.Join(" || '|' || ", parts);
        }
    }
}
