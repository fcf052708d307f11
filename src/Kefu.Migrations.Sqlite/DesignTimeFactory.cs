using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kefu.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add … --project src/Kefu.Migrations.Sqlite</c> build the model without the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<KefuDb>
{
    public KefuDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<KefuDb>();
        KefuDbRegistration.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" });
        return new KefuDb(builder.Options);
    }
}
