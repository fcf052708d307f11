using Kefu.Core.Common;
using Kefu.Core.Security;

namespace Kefu.Core.ServiceRequests;

/// <summary>An item of a request: what is concerned and why (SRQ-3).</summary>
public sealed class ServiceRequestItem : ICustomerOwned
{
    private ServiceRequestItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid CustomerId { get; private set; }

    public int Line { get; private set; }

    public string? CategoryLevel1 { get; private set; }

    public string? CategoryLevel2 { get; private set; }

    public string? ColourMain { get; private set; }

    public string? ColourSecondary { get; private set; }

    public string? Material { get; private set; }

    public decimal? Quantity { get; private set; }

    public string? ReasonCode { get; private set; }

    public string? OemVendor { get; private set; }

    internal ServiceRequestItem CopyTo(ServiceRequest r, int line) => Create(r, line, ToValid());

    internal ValidItem ToValid() => new(CategoryLevel1, CategoryLevel2, ColourMain, ColourSecondary, Material, Quantity, ReasonCode, OemVendor);

    internal static ServiceRequestItem Create(ServiceRequest r, int line, ValidItem v) => new()
    {
        Id = Guid.CreateVersion7(),
        RequestId = r.Id,
        CustomerId = r.CustomerId,
        Line = line,
        CategoryLevel1 = v.CategoryLevel1,
        CategoryLevel2 = v.CategoryLevel2,
        ColourMain = v.ColourMain,
        ColourSecondary = v.ColourSecondary,
        Material = v.Material,
        Quantity = v.Quantity,
        ReasonCode = v.ReasonCode,
        OemVendor = v.OemVendor,
    };
}

/// <summary>One timestamped, signed paragraph of the request's long text; never edited.</summary>
public sealed class ServiceRequestLogEntry : ICustomerOwned
{
    private ServiceRequestLogEntry()
    {
        AuthorName = Text = "";
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid CustomerId { get; private set; }

    public DateTime At { get; private set; }

    public Guid? AuthorId { get; private set; }

    public string AuthorName { get; private set; }

    public string Text { get; private set; }

    internal void MoveTo(Guid requestId) => RequestId = requestId;

    internal static ServiceRequestLogEntry Create(ServiceRequest r, string text, Caller caller, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        RequestId = r.Id,
        CustomerId = r.CustomerId,
        At = now,
        AuthorId = caller.UserId,
        AuthorName = caller.UserName,
        Text = text,
    };
}

/// <summary>A step on the request's timeline: who moved it from which status to which, when, and why.</summary>
public sealed class ServiceRequestStatusChange : ICustomerOwned
{
    private ServiceRequestStatusChange()
    {
        ToStatus = ByName = "";
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid CustomerId { get; private set; }

    public DateTime At { get; private set; }

    public Guid? ById { get; private set; }

    public string ByName { get; private set; }

    public string? FromStatus { get; private set; }

    public string ToStatus { get; private set; }

    public string? Comment { get; private set; }

    internal void MoveTo(Guid requestId) => RequestId = requestId;

    internal static ServiceRequestStatusChange Create(ServiceRequest r, string? from, string to, Caller caller, string? comment, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        RequestId = r.Id,
        CustomerId = r.CustomerId,
        At = now,
        ById = caller.UserId,
        ByName = caller.UserName,
        FromStatus = from,
        ToStatus = to,
        Comment = comment,
    };
}
