using System.Text.Json;
using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.ServiceRequests;

/// <summary>A user's named request-list view: filters and the columns in their order (SRQ-8).</summary>
public sealed class SavedView : IVersioned
{
    private SavedView()
    {
        Name = FiltersJson = Columns = "";
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Name { get; private set; }

    public string FiltersJson { get; private set; }

    /// <summary>Comma-separated column keys of <see cref="RequestListExport.Columns"/>.</summary>
    public string Columns { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    internal static SavedView Create(Guid userId, string name) => new() { Id = Guid.CreateVersion7(), UserId = userId, Name = name };

    internal void Set(string filtersJson, string columns)
    {
        FiltersJson = filtersJson;
        Columns = columns;
    }
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.ToTable("saved_views");
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.Name).HasMaxLength(60);
        b.Property(v => v.FiltersJson).HasMaxLength(4000);
        b.Property(v => v.Columns).HasMaxLength(500);
        b.Property(v => v.Version).IsConcurrencyToken();
        b.HasIndex(v => new { v.UserId, v.Name }).IsUnique();
    }
}

public sealed record SavedViewInput(string? Name, ServiceRequestQuery? Filters, IReadOnlyList<string>? Columns);

public sealed record SavedViewDto(Guid Id, string Name, ServiceRequestQuery Filters, IReadOnlyList<string> Columns, int Version);

/// <summary>Each user's saved request-list views; saving under an existing name replaces that view.</summary>
public sealed class SavedViews(KefuDb db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SavedViewDto>> ListAsync(Caller caller, CancellationToken ct = default) =>
        (await db.SavedViews.AsNoTracking().Where(v => v.UserId == caller.UserId).OrderBy(v => v.Name).ToListAsync(ct)).Select(ToDto).ToList();

    public async Task<Result<SavedViewDto>> SaveAsync(Caller caller, SavedViewInput input, CancellationToken ct = default)
    {
        if (caller.UserId is not Guid userId)
        {
            return Error.Forbidden();
        }

        var e = new ValidationErrors();
        e.Required("name", input.Name, 60);
        var columns = RequestListExport.Choose(input.Columns);
        if (!columns.IsSuccess)
        {
            e.Add("columns", columns.Error!.Fields!["columns"][0]);
        }

        if (e.Any)
        {
            return e.ToError();
        }

        var name = input.Name!.Trim();
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.UserId == userId && v.Name == name, ct);
        if (view is null)
        {
            view = SavedView.Create(userId, name);
            db.SavedViews.Add(view);
        }

        var filters = (input.Filters ?? new ServiceRequestQuery()) with { After = null };
        view.Set(JsonSerializer.Serialize(filters, Json), string.Join(",", columns.Value.Select(c => c.Key)));
        await db.SaveChangesAsync(ct);
        return ToDto(view);
    }

    public async Task<Result<Unit>> DeleteAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        var deleted = await db.SavedViews.Where(v => v.Id == id && v.UserId == caller.UserId).ToListAsync(ct);
        if (deleted.Count == 0)
        {
            return Error.NotFound("View");
        }

        db.SavedViews.RemoveRange(deleted);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    private static SavedViewDto ToDto(SavedView v) => new(
        v.Id, v.Name, JsonSerializer.Deserialize<ServiceRequestQuery>(v.FiltersJson, Json) ?? new ServiceRequestQuery(),
        v.Columns.Split(',', StringSplitOptions.RemoveEmptyEntries), v.Version);
}
