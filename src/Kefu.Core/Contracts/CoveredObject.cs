using Kefu.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Core.Contracts;

/// <summary>
/// An object a contract covers (machine, installation…) with its serial and asset numbers and where it stands; without an
/// address of its own the customer's master address applies. Meter readings are recorded against it.
/// </summary>
public sealed class CoveredObject : IVersioned, ICustomerOwned
{
    private CoveredObject()
    {
        Description = "";
    }

    public Guid Id { get; private set; }

    public Guid ContractId { get; private set; }

    public Guid CustomerId { get; private set; }

    public string Description { get; private set; }

    public string? ProductModel { get; private set; }

    public string? SerialNumber { get; private set; }

    public string? AssetNumber { get; private set; }

    public string? Province { get; private set; }

    public string? City { get; private set; }

    public string? District { get; private set; }

    /// <summary>Null: the customer's master address.</summary>
    public string? Street { get; private set; }

    public DateOnly? InstallDate { get; private set; }

    public decimal? LastMeterReading { get; private set; }

    public DateOnly? LastMeterReadingOn { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    internal static CoveredObject Create(MaintenanceContract contract, ValidObject v)
    {
        var o = new CoveredObject { Id = Guid.CreateVersion7(), ContractId = contract.Id, CustomerId = contract.CustomerId };
        o.Apply(v);
        return o;
    }

    internal void Apply(ValidObject v)
    {
        Description = v.Description;
        ProductModel = v.ProductModel;
        SerialNumber = v.SerialNumber;
        AssetNumber = v.AssetNumber;
        Province = v.Province;
        City = v.City;
        District = v.District;
        Street = v.Street;
        InstallDate = v.InstallDate;
    }

    /// <summary>Keeps the latest reading (by date) on the object.</summary>
    internal void Read(DateOnly on, decimal value)
    {
        if (LastMeterReadingOn is null || on >= LastMeterReadingOn)
        {
            LastMeterReading = value;
            LastMeterReadingOn = on;
        }
    }
}

/// <summary>A meter reading (counter, running hours…) of a covered object on a day.</summary>
public sealed class MeterReading : ICustomerOwned
{
    private MeterReading()
    {
        RecordedByName = "";
    }

    public Guid Id { get; private set; }

    public Guid CoveredObjectId { get; private set; }

    public Guid CustomerId { get; private set; }

    public DateOnly ReadOn { get; private set; }

    public decimal Value { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public string RecordedByName { get; private set; }

    internal static MeterReading Create(CoveredObject o, DateOnly on, decimal value, string by, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), CoveredObjectId = o.Id, CustomerId = o.CustomerId, ReadOn = on, Value = value, RecordedAt = now, RecordedByName = by,
    };
}

internal sealed class CoveredObjectConfiguration : IEntityTypeConfiguration<CoveredObject>
{
    public void Configure(EntityTypeBuilder<CoveredObject> b)
    {
        b.ToTable("contract_objects");
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Description).HasMaxLength(200);
        b.Property(o => o.ProductModel).HasMaxLength(100);
        b.Property(o => o.SerialNumber).HasMaxLength(60);
        b.Property(o => o.AssetNumber).HasMaxLength(60);
        b.Property(o => o.Province).HasMaxLength(50);
        b.Property(o => o.City).HasMaxLength(50);
        b.Property(o => o.District).HasMaxLength(50);
        b.Property(o => o.Street).HasMaxLength(200);
        b.Property(o => o.LastMeterReading).HasPrecision(18, 2);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => o.ContractId);
        b.HasIndex(o => new { o.CustomerId, o.SerialNumber });
        b.HasOne<MaintenanceContract>().WithMany().HasForeignKey(o => o.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeterReadingConfiguration : IEntityTypeConfiguration<MeterReading>
{
    public void Configure(EntityTypeBuilder<MeterReading> b)
    {
        b.ToTable("contract_meter_readings");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Value).HasPrecision(18, 2);
        b.Property(r => r.RecordedByName).HasMaxLength(256);
        b.HasIndex(r => new { r.CoveredObjectId, r.ReadOn });
        b.HasOne<CoveredObject>().WithMany().HasForeignKey(r => r.CoveredObjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
