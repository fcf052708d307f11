using Kefu.Core.Common;
using Kefu.Core.Data;
using Kefu.Core.Files;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.ServiceRequests;

/// <summary>A photo or document attached to a request (SRQ-3).</summary>
public sealed class ServiceRequestAttachment : ICustomerOwned
{
    private ServiceRequestAttachment()
    {
        FileName = ContentType = StorageKey = ByName = "";
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid CustomerId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long Size { get; private set; }

    public string StorageKey { get; private set; }

    public DateTime At { get; private set; }

    public string ByName { get; private set; }

    internal static ServiceRequestAttachment Create(Guid requestId, Guid customerId, string fileName, string contentType, long size, string key, string by, DateTime now) =>
        new() { Id = Guid.CreateVersion7(), RequestId = requestId, CustomerId = customerId, FileName = fileName, ContentType = contentType, Size = size, StorageKey = key, ByName = by, At = now };
}

internal sealed class ServiceRequestAttachmentConfiguration : IEntityTypeConfiguration<ServiceRequestAttachment>
{
    public void Configure(EntityTypeBuilder<ServiceRequestAttachment> b)
    {
        b.ToTable("service_request_attachments");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.StorageKey).HasMaxLength(64);
        b.Property(a => a.ByName).HasMaxLength(256);
        b.HasIndex(a => a.RequestId);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed record AttachmentDto(Guid Id, string FileName, string ContentType, long Size, DateTime At, string By);

public sealed record AttachmentUpload(string FileName, string ContentType, long Length, Stream Content);

public sealed record AttachmentContent(string FileName, string ContentType, Stream Content);

/// <summary>Uploads with a size limit and a content check: only photos (JPEG, PNG, WebP) and PDF, recognised by their first bytes.</summary>
public sealed class RequestAttachments(KefuDb db, ServiceRequestService requests, FileStore files, FileStoreOptions options, TimeProvider time)
{
    private static readonly (string Type, byte[] Magic)[] Allowed =
    [
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47]),
        ("image/webp", "RIFF"u8.ToArray()),
        ("application/pdf", "%PDF"u8.ToArray()),
    ];

    public long MaxBytes => options.MaxBytes;

    public async Task<Result<AttachmentDto>> AddAsync(Caller caller, string number, AttachmentUpload upload, CancellationToken ct = default)
    {
        if (!caller.IsInAny(Roles.Staff))
        {
            return Error.Forbidden();
        }

        var request = await (await requests.ScopedAsync(caller, ct)).Select(r => new { r.Id, r.Number, r.CustomerId }).FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is null)
        {
            return Error.NotFound("Service request");
        }

        if (upload.Length > options.MaxBytes)
        {
            return new Error(ErrorKind.Validation, "Attachment.TooLarge", $"A file may have at most {options.MaxBytes / 1024 / 1024} MB.");
        }

        if (upload.Length == 0)
        {
            return Error.Validation("file", "The file is empty.");
        }

        var head = new byte[8];
        var buffered = new MemoryStream();
        await upload.Content.CopyToAsync(buffered, ct);
        buffered.Position = 0;
        var read = await buffered.ReadAsync(head, ct);
        buffered.Position = 0;
        var kind = Allowed.FirstOrDefault(a => read >= a.Magic.Length && head.AsSpan(0, a.Magic.Length).SequenceEqual(a.Magic));
        if (kind.Type is null || kind.Type != upload.ContentType)
        {
            return new Error(ErrorKind.Validation, "Attachment.UnsupportedType", "Only JPEG, PNG or WebP photos and PDF documents can be attached.");
        }

        var name = Path.GetFileName(upload.FileName).Trim();
        name = name.Length is 0 or > 200 ? "attachment" : name;
        var key = await files.SaveAsync(buffered, ct);
        var attachment = ServiceRequestAttachment.Create(request.Id, request.CustomerId, name, kind.Type, upload.Length, key, caller.UserName, time.GetUtcNow().UtcDateTime);
        db.Add(attachment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            files.Delete(key);
            throw;
        }

        return ToDto(attachment);
    }

    public async Task<Result<IReadOnlyList<AttachmentDto>>> ListAsync(Caller caller, string number, CancellationToken ct = default)
    {
        var id = await (await requests.ScopedAsync(caller, ct)).Where(r => r.Number == number).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return Error.NotFound("Service request");
        }

        return await db.Set<ServiceRequestAttachment>().AsNoTracking().Where(a => a.RequestId == id).OrderBy(a => a.At)
            .Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.At, a.ByName)).ToListAsync(ct);
    }

    public async Task<Result<AttachmentContent>> OpenAsync(Caller caller, string number, Guid attachmentId, CancellationToken ct = default)
    {
        var id = await (await requests.ScopedAsync(caller, ct)).Where(r => r.Number == number).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        var a = id is null ? null : await db.Set<ServiceRequestAttachment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.RequestId == id, ct);
        return a is null ? Error.NotFound("Attachment") : new AttachmentContent(a.FileName, a.ContentType, files.Open(a.StorageKey));
    }

    private static AttachmentDto ToDto(ServiceRequestAttachment a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.At, a.ByName);
}
