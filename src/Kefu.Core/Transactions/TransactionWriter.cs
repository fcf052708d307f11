using System.Threading.Channels;
using Kefu.Core.Audit;
using Kefu.Core.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kefu.Core.Transactions;

/// <summary>A checked row ready to be written.</summary>
public readonly record struct TransactionRow(
    Guid CustomerId, DateOnly Date, decimal Amount, string Items, SalesChannel Channel, string PaymentMethod, string? Promotion, string? Reference);

/// <summary>
/// Writes transactions in bulk inside the context's current transaction, bypassing the change tracker:
/// one binary COPY on PostgreSQL that stays open across <see cref="WriteAsync"/> calls (so the server ingests while the caller
/// prepares the next rows) until <see cref="CompleteAsync"/>, one prepared and reused INSERT on SQLite. The connection runs no other
/// command until the writer is complete; a writer disposed before completion discards what it wrote.
/// <see cref="CompleteAsync"/> audits every row written, in the same transaction, with one <c>INSERT … SELECT</c> over them
/// (<see cref="SetAudit.InsertedAsync"/>): on PostgreSQL the rows of this import (or without one) whose time-ordered ids fall
/// between the writer's first and last (a primary-key range), on SQLite the rows above the table's highest rowid when the writer began.
/// </summary>
public abstract class TransactionWriter : IAsyncDisposable
{
    internal const string Columns = "\"Id\", \"CustomerId\", \"Date\", \"Amount\", \"Items\", \"Channel\", \"PaymentMethod\", \"Promotion\", \"Reference\", \"ImportId\", \"CreatedAt\"";

    /// <summary>A writer audited as <paramref name="actor"/> (default: the context's audit actor).</summary>
    public static TransactionWriter Create(DbContext db, Guid? importId, DateTime now, Caller? actor = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes run inside a transaction.");
        var audit = SetAudit.For(db, actor, now);
        return connection switch
        {
            NpgsqlConnection pg => new PostgresWriter(pg, audit, importId, now),
            SqliteConnection lite => new SqliteWriter(lite, (SqliteTransaction)transaction, audit, importId, now),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
    }

    /// <summary>
    /// PostgreSQL: a writer that writes in the background (<see cref="BackgroundTransactionWriter"/>), for a caller that reads its
    /// lookups from another connection. SQLite: the plain writer (its connection serves the caller's lookups too).
    /// </summary>
    public static TransactionWriter CreateStreaming(DbContext db, Guid? importId, DateTime now, Caller? actor, CancellationToken ct)
    {
        var writer = Create(db, importId, now, actor);
        return writer is PostgresWriter ? new BackgroundTransactionWriter(writer, ct) : writer;
    }

    public abstract Task WriteAsync(IReadOnlyList<TransactionRow> rows, CancellationToken ct);

    /// <summary>Ends the bulk write; the rows are then part of the current transaction.</summary>
    public virtual Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private sealed class PostgresWriter(NpgsqlConnection connection, SetAudit audit, Guid? importId, DateTime now) : TransactionWriter
    {
        /// <summary>
        /// Ids are version 7 (time-ordered); with an import id the range audited is widened by this much against a clock that steps
        /// back (the import id keeps it exact). Without one (demo data, benchmarks) it is not widened: every earlier row without an
        /// import id would match; only a concurrent writer without an import id could then overlap.
        /// </summary>
        private readonly TimeSpan margin = importId is null ? TimeSpan.Zero : TimeSpan.FromMinutes(10);

        private Guid lowest;
        private NpgsqlBinaryImporter? copy;
        private bool wrote;

        public override async Task WriteAsync(IReadOnlyList<TransactionRow> rows, CancellationToken ct)
        {
            if (rows.Count == 0)
            {
                return;
            }

            if (!wrote)
            {
                lowest = IdBound(Guid.CreateVersion7(), -margin, "0000-0000-000000000000");
                wrote = true;
            }

            copy ??= await connection.BeginBinaryImportAsync($"COPY transactions ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
            var channels = new[] { "Offline", "Online" };
            var count = 0;
            foreach (var r in rows)
            {
                // The synchronous writes fill Npgsql's buffer (flushed when full): an awaited call per field cost more than the COPY itself.
                if ((++count & 0x3FFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                copy.StartRow();
                copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                copy.Write(r.CustomerId, NpgsqlDbType.Uuid);
                copy.Write(r.Date, NpgsqlDbType.Date);
                copy.Write(r.Amount, NpgsqlDbType.Numeric);
                copy.Write(r.Items, NpgsqlDbType.Varchar);
                copy.Write(channels[r.Channel == SalesChannel.Online ? 1 : 0], NpgsqlDbType.Varchar);
                copy.Write(r.PaymentMethod, NpgsqlDbType.Varchar);
                WriteNullable(copy, r.Promotion);
                WriteNullable(copy, r.Reference);
                if (importId is Guid id)
                {
                    copy.Write(id, NpgsqlDbType.Uuid);
                }
                else
                {
                    copy.WriteNull();
                }

                copy.Write(now, NpgsqlDbType.TimestampTz);
            }
        }

        public override async Task CompleteAsync(CancellationToken ct)
        {
            if (copy is not null)
            {
                await copy.CompleteAsync(ct);
                await copy.DisposeAsync();
                copy = null;
            }

            if (wrote)
            {
                wrote = false;
                var highest = IdBound(Guid.CreateVersion7(), margin, "ffff-ffff-ffffffffffff");
                await audit.InsertedAsync<CustomerTransaction>(
                    "t.\"Id\" BETWEEN @lowest AND @highest AND " + (importId is null ? "t.\"ImportId\" IS NULL" : "t.\"ImportId\" = @import"),
                    [new("lowest", lowest), new("highest", highest), new("import", importId)], ct);
            }
        }

        /// <summary>The lowest or highest version-7 id of the millisecond <paramref name="shift"/> away from <paramref name="id"/>'s.</summary>
        private static Guid IdBound(Guid id, TimeSpan shift, string rest)
        {
            var text = id.ToString();
            var ms = long.Parse(text[..8] + text[9..13], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)
                + (long)shift.TotalMilliseconds;
            var hex = Math.Max(0, ms).ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
            return Guid.Parse($"{hex[..8]}-{hex[8..]}-{rest}");
        }

        public override async ValueTask DisposeAsync()
        {
            if (copy is not null)
            {
                await copy.DisposeAsync();
                copy = null;
            }

            await base.DisposeAsync();
        }

        private static void WriteNullable(NpgsqlBinaryImporter copy, string? value)
        {
            if (value is null)
            {
                copy.WriteNull();
            }
            else
            {
                copy.Write(value, NpgsqlDbType.Varchar);
            }
        }
    }

    private sealed class SqliteWriter : TransactionWriter
    {
        private readonly SqliteCommand command;
        private readonly SqliteParameter[] p;
        private readonly SetAudit audit;
        private readonly long mark;
        private bool wrote;

        public SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, SetAudit audit, Guid? importId, DateTime now)
        {
            this.audit = audit;
            using (var last = connection.CreateCommand())
            {
                last.Transaction = transaction;
                last.CommandText = "SELECT COALESCE(MAX(rowid), 0) FROM transactions";
                mark = Convert.ToInt64(last.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO transactions ({Columns}) VALUES ($id, $customer, $date, $amount, $items, $channel, $payment, $promotion, $reference, $import, $created)";
            p =
            [
                command.Parameters.Add("$id", SqliteType.Text),
                command.Parameters.Add("$customer", SqliteType.Text),
                command.Parameters.Add("$date", SqliteType.Text),
                command.Parameters.Add("$amount", SqliteType.Text),
                command.Parameters.Add("$items", SqliteType.Text),
                command.Parameters.Add("$channel", SqliteType.Text),
                command.Parameters.Add("$payment", SqliteType.Text),
                command.Parameters.Add("$promotion", SqliteType.Text),
                command.Parameters.Add("$reference", SqliteType.Text),
                command.Parameters.Add("$import", SqliteType.Text),
                command.Parameters.Add("$created", SqliteType.Text),
            ];
            p[9].Value = importId is Guid id ? id : DBNull.Value;
            p[10].Value = now;
            command.Prepare();
        }

        public override Task WriteAsync(IReadOnlyList<TransactionRow> rows, CancellationToken ct)
        {
            // SQLite works in-process: the synchronous calls avoid an async state machine per row.
            foreach (var r in rows)
            {
                ct.ThrowIfCancellationRequested();
                p[0].Value = Guid.CreateVersion7();
                p[1].Value = r.CustomerId;
                p[2].Value = r.Date;
                p[3].Value = r.Amount;
                p[4].Value = r.Items;
                p[5].Value = r.Channel == SalesChannel.Online ? "Online" : "Offline";
                p[6].Value = r.PaymentMethod;
                p[7].Value = (object?)r.Promotion ?? DBNull.Value;
                p[8].Value = (object?)r.Reference ?? DBNull.Value;
                command.ExecuteNonQuery();
                wrote = true;
            }

            return Task.CompletedTask;
        }

        public override async Task CompleteAsync(CancellationToken ct)
        {
            if (wrote)
            {
                wrote = false;
                await audit.InsertedAsync<CustomerTransaction>("t.rowid > @mark", [new("mark", mark)], ct);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}

/// <summary>
/// Hands each batch to a task that writes it, so the caller reads and checks the next batch while the database ingests this one
/// (a streamed COPY otherwise only overlaps by a socket buffer). The caller must not use the connection until <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class BackgroundTransactionWriter : TransactionWriter
{
    private readonly TransactionWriter inner;
    private readonly Channel<IReadOnlyList<TransactionRow>> batches = Channel.CreateBounded<IReadOnlyList<TransactionRow>>(
        new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
    private readonly Task writing;

    public BackgroundTransactionWriter(TransactionWriter inner, CancellationToken ct)
    {
        this.inner = inner;
        writing = Task.Run(() => WriteAllAsync(ct), ct);
    }

    /// <summary>Queues a copy of <paramref name="rows"/>; throws the writer's failure if it has failed.</summary>
    public override async Task WriteAsync(IReadOnlyList<TransactionRow> rows, CancellationToken ct)
    {
        if (!await batches.Writer.WaitToWriteAsync(ct) || !batches.Writer.TryWrite(rows.ToArray()))
        {
            await writing; // the writer stopped: surface its exception
        }
    }

    public override async Task CompleteAsync(CancellationToken ct)
    {
        batches.Writer.TryComplete();
        await writing;
        await inner.CompleteAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        batches.Writer.TryComplete();
        try
        {
            await writing;
        }
        catch (Exception) when (writing.IsFaulted || writing.IsCanceled)
        {
            // Already reported by WriteAsync or CompleteAsync; disposing discards the unfinished write.
        }

        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task WriteAllAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var rows in batches.Reader.ReadAllAsync(ct))
            {
                await inner.WriteAsync(rows, ct);
            }
        }
        catch (Exception ex)
        {
            batches.Writer.TryComplete(ex);
            throw;
        }
    }
}
