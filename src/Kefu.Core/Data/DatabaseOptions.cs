namespace Kefu.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Bound from <c>Database:Provider</c> and <c>ConnectionStrings:Kefu</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "";

    public const string DefaultSqliteConnection = "Data Source=data/kefu.db";
}
