using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Transactions;

public enum ImportMode
{
    AllOrNothing = 0,
    SkipBadRows = 1,
}

public enum ImportState
{
    /// <summary>Uploaded; a background worker will pick it up.</summary>
    Queued = 0,
    Running = 1,
    /// <summary>Finished: the good rows are written (or, for a dry run, checked).</summary>
    Succeeded = 2,
    /// <summary>All-or-nothing with bad rows: nothing was written.</summary>
    Rejected = 3,
    /// <summary>The file could not be read or the database failed; nothing was written.</summary>
    Failed = 4,
}

public enum ImportSource
{
    Upload = 0,
    Cli = 1,
    Api = 2,
}

/// <summary>
/// One import of purchase history (CUS-5): who, when, which file, how, and what came of it. The rows it wrote carry its id.
/// It is the one audited record of an import; the transactions themselves are written in bulk, untracked.
/// </summary>
public sealed class TransactionImport
{
    private TransactionImport()
    {
        FileName = UserName = "";
    }

    public Guid Id { get; private set; }

    public string FileName { get; private set; }

    public ImportSource Source { get; private set; }

    public ImportMode Mode { get; private set; }

    public bool DryRun { get; private set; }

    public ImportState State { get; set; }

    public int TotalRows { get; set; }

    public int ProcessedRows { get; set; }

    public int WrittenRows { get; set; }

    public int BadRows { get; set; }

    /// <summary>The first bad rows (at most <see cref="TransactionImporter.MaxReportedErrors"/>) as JSON.</summary>
    public string? Errors { get; set; }

    /// <summary>Why the whole import failed (unreadable file, missing columns, database error).</summary>
    public string? Failure { get; set; }

    /// <summary>The uploaded file in the file store, while it may still be imported.</summary>
    public string? FileKey { get; set; }

    public Guid? UserId { get; private set; }

    public string UserName { get; private set; }

    /// <summary>The unit of the importing user; the import is visible within that unit's scope.</summary>
    public Guid? OrgUnitId { get; private set; }

    /// <summary>Whether the importing user saw every unit (an administrator): customers are resolved in that scope.</summary>
    public bool AllUnits { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? FinishedAt { get; set; }

    public static TransactionImport Create(
        string fileName, ImportSource source, ImportMode mode, bool dryRun, Security.Caller caller, string? fileKey, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), FileName = fileName.Length > 200 ? fileName[..200] : fileName, Source = source, Mode = mode,
        DryRun = dryRun, State = ImportState.Queued, FileKey = fileKey, UserId = caller.UserId, UserName = caller.UserName,
        OrgUnitId = caller.OrgUnitId, AllUnits = caller.IsAdministrator, CreatedAt = now,
    };
}

internal sealed class TransactionImportConfiguration : IEntityTypeConfiguration<TransactionImport>
{
    public void Configure(EntityTypeBuilder<TransactionImport> b)
    {
        b.ToTable("transaction_imports");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.FileName).HasMaxLength(200);
        b.Property(i => i.Failure).HasMaxLength(1000);
        b.Property(i => i.FileKey).HasMaxLength(200);
        b.Property(i => i.UserName).HasMaxLength(256);
        b.HasIndex(i => new { i.State, i.CreatedAt });
        b.HasIndex(i => i.CreatedAt);
    }
}
