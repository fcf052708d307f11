using Kefu.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kefu.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef migrations add … --project src/Kefu.Migrations.PostgreSql</c> build the model without the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<KefuDb>
{
    public KefuDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<KefuDb>();
        KefuDbRegistration.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=kefu_design;Username=postgres" });
        return new KefuDb(builder.Options);
    }
}
