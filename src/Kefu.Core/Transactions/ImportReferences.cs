using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kefu.Core.Transactions;

/// <summary>
/// The set-based checks at the end of an import, on the import's own connection and transaction: references that earlier imports
/// already wrote, and (PostgreSQL) the lock on the customers written to.
/// </summary>
internal static class ImportReferences
{
    /// <summary>
    /// The (line, reference) pairs of <paramref name="references"/> that an earlier import (or a hand entry) already wrote, by line.
    /// The file's references go to a temporary table in one bulk write, then one join against <c>transactions</c> finds them (the
    /// planner hashes the file's references and scans the table for a large file, probes the customer index for a small one);
    /// with <paramref name="removeFound"/> the rows this import wrote for them are deleted again.
    /// </summary>
    public static async Task<List<(int Line, string Reference)>> AlreadyImportedAsync(
        DbContext db, Guid importId, IReadOnlyDictionary<(Guid Customer, string Reference), int> references, bool removeFound, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var postgres = connection is NpgsqlConnection;
            await ExecuteAsync(connection, transaction, "DROP TABLE IF EXISTS import_refs", ct);
            await ExecuteAsync(connection, transaction, postgres
                ? "CREATE TEMP TABLE import_refs (line integer NOT NULL, cid uuid NOT NULL, ref varchar(60) NOT NULL)"
                : "CREATE TEMP TABLE import_refs (line INTEGER NOT NULL, cid TEXT NOT NULL, ref TEXT NOT NULL)", ct);
            if (connection is NpgsqlConnection pg)
            {
                await CopyAsync(pg, references, ct);
                await ExecuteAsync(connection, transaction, "ANALYZE import_refs", ct);
                // A large file's references are hashed whole rather than in batches spilled to disk (only for this transaction).
                await ExecuteAsync(connection, transaction, "SELECT set_config('work_mem', '256MB', true)", ct);
            }
            else
            {
                Insert((SqliteConnection)connection, (SqliteTransaction?)transaction, references);
                // SQLite runs correlated subqueries as nested loops: without this index the DELETE below scanned import_refs once per
                // row of the import, and a 12,000-row file held the single writer's lock for over a minute.
                await ExecuteAsync(connection, transaction, "CREATE INDEX import_refs_key ON import_refs (cid, ref)", ct);
            }

            var found = await FindAsync(connection, transaction, importId, postgres, ct);
            if (removeFound && found.Count > 0)
            {
                // Driven from the few found references through the customer index (transactions has no index on ImportId).
                await using var delete = Command(connection, transaction, postgres
                    ? """
                      DELETE FROM transactions t USING import_refs r
                      WHERE r.line = ANY(@lines) AND t."CustomerId" = r.cid AND t."Reference" = r.ref AND t."ImportId" = @import
                      """
                    : """
                      DELETE FROM transactions WHERE rowid IN (
                        SELECT t.rowid FROM import_refs r CROSS JOIN transactions t ON t."CustomerId" = r.cid AND t."Reference" = r.ref
                        WHERE r.line IN (SELECT value FROM json_each(@lines)) AND t."ImportId" = @import)
                      """);
                Add(delete, "@import", importId);
                Add(delete, "@lines", postgres ? found.Select(f => f.Line).ToArray() : System.Text.Json.JsonSerializer.Serialize(found.Select(f => f.Line)));
                await delete.ExecuteNonQueryAsync(ct);
            }

            await ExecuteAsync(connection, transaction, "DROP TABLE import_refs", ct);
            return found;
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

    private static async Task CopyAsync(NpgsqlConnection pg, IReadOnlyDictionary<(Guid Customer, string Reference), int> references, CancellationToken ct)
    {
        await using var copy = await pg.BeginBinaryImportAsync("COPY import_refs (line, cid, ref) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var ((customer, reference), line) in references)
        {
            copy.StartRow();
            copy.Write(line, NpgsqlDbType.Integer);
            copy.Write(customer, NpgsqlDbType.Uuid);
            copy.Write(reference, NpgsqlDbType.Varchar);
        }

        await copy.CompleteAsync(ct);
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyDictionary<(Guid Customer, string Reference), int> references)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO import_refs (line, cid, ref) VALUES ($line, $cid, $ref)";
        var line = insert.Parameters.Add("$line", SqliteType.Integer);
        var cid = insert.Parameters.Add("$cid", SqliteType.Text);
        var reference = insert.Parameters.Add("$ref", SqliteType.Text);
        insert.Prepare();
        foreach (var (key, at) in references)
        {
            line.Value = at;
            cid.Value = key.Customer;
            reference.Value = key.Reference;
            insert.ExecuteNonQuery();
        }
    }

    private static async Task<List<(int Line, string Reference)>> FindAsync(
        DbConnection connection, DbTransaction? transaction, Guid importId, bool postgres, CancellationToken ct)
    {
        // PostgreSQL plans the join itself: it hashes the (analysed) file's references and scans the table for a large file, and
        // probes the customer index for a small one. SQLite would run it as a nested loop, scanning every purchase of the row's
        // customer for each row of the file (quadratic: 20 s for 12,000 rows of two customers), so there the join is driven from
        // the file's customers (CROSS JOIN fixes SQLite's join order): each purchase of those customers is read once and looked
        // up in import_refs by its index.
        await using var command = Command(connection, transaction, postgres
            ? """
              SELECT DISTINCT r.line, r.ref FROM transactions t JOIN import_refs r ON r.cid = t."CustomerId" AND r.ref = t."Reference"
              WHERE t."ImportId" IS NULL OR t."ImportId" <> @import
              ORDER BY r.line
              """
            : """
              SELECT DISTINCT r.line, r.ref FROM (SELECT DISTINCT cid FROM import_refs) c
              CROSS JOIN transactions t ON t."CustomerId" = c.cid
              CROSS JOIN import_refs r ON r.cid = t."CustomerId" AND r.ref = t."Reference"
              WHERE t."ImportId" IS NULL OR t."ImportId" <> @import
              ORDER BY r.line
              """);
        Add(command, "@import", importId);
        var found = new List<(int, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return found;
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

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
