using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kefu.Core.Data;

/// <summary>
/// Writes entities built by their own factory methods straight into their table, bypassing the change tracker (and so the
/// per-row audit: the caller records what it wrote), inside the context's current transaction: one binary COPY on PostgreSQL,
/// prepared multi-row INSERTs on SQLite. Columns and value conversions come from the EF Core model, so the rows are exactly
/// the ones SaveChanges would write.
/// </summary>
internal static class BulkRows
{
    private const int SqliteRowsPerStatement = 50;

    public static async Task WriteAsync<T>(KefuDb db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => p.GetColumnName(table) is not null && (p.PropertyInfo is not null || p.FieldInfo is not null))
            .Select(p => new Column(p.GetColumnName(table)!, p, p.GetRelationalTypeMapping()))
            .ToList();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes run inside a transaction.");
        switch (db.Database.GetDbConnection())
        {
            case NpgsqlConnection pg:
                await CopyAsync(pg, table.Name, columns, rows, ct);
                break;
            case SqliteConnection lite:
                await InsertAsync(lite, (SqliteTransaction)transaction, table.Name, columns, rows, ct);
                break;
            case var other:
                throw new NotSupportedException(other.GetType().Name);
        }
    }

    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping)
    {
        public object? Value(object entity)
        {
            var value = Property.GetGetter().GetClrValueUsingContainingEntity(entity);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, List<Column> columns, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var names = string.Join(", ", columns.Select(c => "\"" + c.Name + "\""));
        await using var copy = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            copy.StartRow();
            foreach (var column in columns)
            {
                switch (column.Value(row))
                {
                    case null: copy.WriteNull(); break;
                    case Guid v: copy.Write(v, NpgsqlDbType.Uuid); break;
                    case string v: copy.Write(v, NpgsqlDbType.Text); break;
                    case int v: copy.Write(v, NpgsqlDbType.Integer); break;
                    case long v: copy.Write(v, NpgsqlDbType.Bigint); break;
                    case short v: copy.Write(v, NpgsqlDbType.Smallint); break;
                    case bool v: copy.Write(v, NpgsqlDbType.Boolean); break;
                    case decimal v: copy.Write(v, NpgsqlDbType.Numeric); break;
                    case double v: copy.Write(v, NpgsqlDbType.Double); break;
                    case DateTime v: copy.Write(DateTime.SpecifyKind(v, DateTimeKind.Utc), NpgsqlDbType.TimestampTz); break;
                    case DateOnly v: copy.Write(v, NpgsqlDbType.Date); break;
                    case var v: throw new NotSupportedException($"{table}.{column.Name}: {v.GetType().Name}");
                }
            }
        }

        await copy.CompleteAsync(ct);
    }

    private static async Task InsertAsync<T>(
        SqliteConnection connection, SqliteTransaction transaction, string table, List<Column> columns, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        DbCommand? full = null;
        try
        {
            for (var at = 0; at < rows.Count; at += SqliteRowsPerStatement)
            {
                var size = Math.Min(SqliteRowsPerStatement, rows.Count - at);
                var command = size == SqliteRowsPerStatement ? full ??= Prepare(size) : Prepare(size);
                for (var i = 0; i < size; i++)
                {
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var parameter = command.Parameters[(i * columns.Count) + c];
                        parameter.Value = columns[c].Value(rows[at + i]) switch
                        {
                            null => DBNull.Value,
                            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            Guid g => g.ToString().ToUpperInvariant(),
                            decimal m => m.ToString(CultureInfo.InvariantCulture),
                            var v => v,
                        };
                    }
                }

                await command.ExecuteNonQueryAsync(ct);
                if (!ReferenceEquals(command, full))
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }

        DbCommand Prepare(int size)
        {
            var sql = new StringBuilder($"INSERT INTO \"{table}\" (")
                .AppendJoin(", ", columns.Select(c => "\"" + c.Name + "\"")).Append(") VALUES ");
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            for (var i = 0; i < size; i++)
            {
                sql.Append(i == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{i}_{c}");
                    sql.Append(c == 0 ? name : ", " + name);
                    command.Parameters.Add(new SqliteParameter { ParameterName = name });
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            return command;
        }
    }
}
