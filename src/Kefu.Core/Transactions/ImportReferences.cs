using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Kefu.Core.Transactions;

/// <summary>
/// The database checks of an import: references already stored (per batch, before the batch is written) and, on PostgreSQL, the
/// lock on the customers written to (at the end, on the import's own connection and transaction).
/// </summary>
internal static class ImportReferences
{
    /// <summary>
    /// The (customer, reference) pairs of <paramref name="pairs"/> that are already stored and were not written by import
    /// <paramref name="importId"/> (an earlier import or a hand entry). One query per batch, driven from the batch's customers through
    /// the <c>(CustomerId, Date)</c> index: it reads only the stored purchases of those customers, so its cost follows the file, not
    /// the size of <c>transactions</c> (a join against the whole table at the end cost ~0.7 s per million stored purchases).
    /// <paramref name="db"/> is the lookup context: on PostgreSQL its own connection, which cannot see the import's uncommitted rows;
    /// on SQLite the import's connection, where the <paramref name="importId"/> filter leaves out the rows of earlier batches.
    /// </summary>
    public static async Task<HashSet<(Guid Customer, string Reference)>> StoredAsync(
        DbContext db, Guid importId, IReadOnlyCollection<(Guid Customer, string Reference)> pairs, CancellationToken ct)
    {
        var stored = new HashSet<(Guid, string)>();
        if (pairs.Count == 0)
        {
            return stored;
        }

        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var postgres = connection is NpgsqlConnection;
        // PostgreSQL plans each batch's query on the statistics of the moment: while the first import into a new table streams,
        // they say "empty", and it scanned the whole (growing, uncommitted) table for every batch — 19 s of a 20 s import of
        // 1,000,000 rows. The query is meant to be driven from the batch's customers through their index, whatever the table holds.
        await using var own = postgres && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        try
        {
            if (postgres)
            {
                await using var byIndex = Command(connection, transaction, "SET LOCAL enable_seqscan = off");
                await byIndex.ExecuteNonQueryAsync(ct);
            }

            await using var command = Command(connection, transaction, postgres
                ? """
                  SELECT "CustomerId", "Reference" FROM transactions
                  WHERE "CustomerId" = ANY(@customers) AND "Reference" = ANY(@references)
                  """
                : """
                  SELECT "CustomerId", "Reference" FROM transactions
                  WHERE "CustomerId" IN (SELECT value FROM json_each(@customers)) AND "Reference" IN (SELECT value FROM json_each(@references))
                    AND ("ImportId" IS NULL OR "ImportId" <> @import)
                  """);
            var customers = pairs.Select(p => p.Customer).Distinct().ToArray();
            var references = pairs.Select(p => p.Reference).Distinct(StringComparer.Ordinal).ToArray();
            if (!postgres)
            {
                Add(command, "@import", importId);
            }

            // SQLite keeps a Guid as upper-case text (EF Core's mapping).
            Add(command, "@customers", postgres ? customers : JsonSerializer.Serialize(customers.Select(c => c.ToString().ToUpperInvariant())));
            Add(command, "@references", postgres ? references : JsonSerializer.Serialize(references));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                stored.Add((reader.GetGuid(0), reader.GetString(1)));
            }

            await reader.CloseAsync();
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }

            return stored;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// PostgreSQL: takes a key-share lock on every customer written to, so a concurrent delete or merge (which locks the customer
    /// for update, then looks for purchases) waits for this import's commit and then sees its rows. False when a customer is gone:
    /// it was deleted or merged after its number was resolved, and the import must not commit rows pointing at it.
    /// </summary>
    public static async Task<bool> LockCustomersAsync(DbContext db, IReadOnlyCollection<Guid> customers, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = Command(connection, db.Database.CurrentTransaction?.GetDbTransaction(),
            "SELECT count(*) FROM (SELECT 1 FROM customers WHERE \"Id\" = ANY(@ids) FOR KEY SHARE) locked");
        Add(command, "@ids", customers.ToArray());
        var locked = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        return locked == customers.Count;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0; // batch work: bounded by the size of the file, not by a request

        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        if (command is SqliteCommand lite && value is Guid g)
        {
            lite.Parameters.Add(name, SqliteType.Text).Value = g;
            return;
        }

        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
