using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceLevelsAndClassification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "GreenChannel",
                table: "service_requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaDueAt",
                table: "service_requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlaLevelCode",
                table: "service_requests",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlaSortKey",
                table: "service_requests",
                type: "TEXT",
                maxLength: 15,
                nullable: false,
                defaultValue: "199999999999999");

            migrationBuilder.AddColumn<string>(
                name: "SlaState",
                table: "service_requests",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OnSite",
                table: "request_type_statuses",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "business_calendars",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsAlwaysOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_business_calendars", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "class_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FromClass = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ToClass = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_class_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_class_changes_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "classification_classes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Colour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ServiceLevelCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    GreenChannel = table.Column<bool>(type: "INTEGER", nullable: false),
                    CallbackCadenceDays = table.Column<int>(type: "INTEGER", nullable: true),
                    VisitCadenceDays = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_classes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "classification_cost_settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WindowMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    CostPerRequest = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    CostPerVisit = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    CostPerComplaint = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    CostPerItemUnit = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    ComplaintTypeCodes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_cost_settings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "classification_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StepsDone = table.Column<int>(type: "INTEGER", nullable: false),
                    StepsTotal = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgressJson = table.Column<string>(type: "TEXT", nullable: false),
                    Customers = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "classification_schemes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CurrentVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_schemes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "classification_staging",
                columns: table => new
                {
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClassCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_staging", x => new { x.SchemeCode, x.CustomerId });
                });

            migrationBuilder.CreateTable(
                name: "customer_churn",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_churn", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_customer_churn_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customer_classes",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClassCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Since = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_classes", x => new { x.CustomerId, x.SchemeCode });
                    table.ForeignKey(
                        name: "FK_customer_classes_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customer_metrics",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revenue = table.Column<double>(type: "REAL", nullable: false),
                    Purchases = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxSinglePurchase = table.Column<double>(type: "REAL", nullable: false),
                    LifetimeRevenue = table.Column<double>(type: "REAL", nullable: false),
                    LifetimePurchases = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstPurchase = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastPurchase = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DaysSinceFirstPurchase = table.Column<int>(type: "INTEGER", nullable: true),
                    DaysSinceLastPurchase = table.Column<int>(type: "INTEGER", nullable: true),
                    MeanIntervalDays = table.Column<double>(type: "REAL", nullable: true),
                    Requests = table.Column<int>(type: "INTEGER", nullable: false),
                    Visits = table.Column<int>(type: "INTEGER", nullable: false),
                    Complaints = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemUnits = table.Column<double>(type: "REAL", nullable: false),
                    CostToServe = table.Column<double>(type: "REAL", nullable: false),
                    Profit = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_metrics", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "holiday_sets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_holiday_sets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "job_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JobName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FireInstanceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Recovering = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_contracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceLevelCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Fee = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    BillingPeriod = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CoveredTypes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ResponsibleUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponsibleUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AccountManagerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TerminatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TerminationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_contracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_maintenance_contracts_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_maintenance_contracts_org_units_ResponsibleUnitId",
                        column: x => x.ResponsibleUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_levels",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    LowFirstResponse = table.Column<int>(type: "INTEGER", nullable: true),
                    LowArrival = table.Column<int>(type: "INTEGER", nullable: true),
                    LowResolution = table.Column<int>(type: "INTEGER", nullable: true),
                    NormalFirstResponse = table.Column<int>(type: "INTEGER", nullable: true),
                    NormalArrival = table.Column<int>(type: "INTEGER", nullable: true),
                    NormalResolution = table.Column<int>(type: "INTEGER", nullable: true),
                    HighFirstResponse = table.Column<int>(type: "INTEGER", nullable: true),
                    HighArrival = table.Column<int>(type: "INTEGER", nullable: true),
                    HighResolution = table.Column<int>(type: "INTEGER", nullable: true),
                    EmergencyFirstResponse = table.Column<int>(type: "INTEGER", nullable: true),
                    EmergencyArrival = table.Column<int>(type: "INTEGER", nullable: true),
                    EmergencyResolution = table.Column<int>(type: "INTEGER", nullable: true),
                    CoveredTypes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DefaultForTypes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    WarningPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    GreenChannelPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    GreenSkipsApproval = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_levels", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "sla_breaches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponsibilityCentreId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LevelCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BreachedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UrgencyBefore = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_breaches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sla_breaches_service_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "service_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sla_clocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LevelCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TargetMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WarnAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PausedSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PausedMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    MetAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WarnedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BreachedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClaimId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_clocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sla_clocks_service_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "service_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sla_green_channel_customers",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SetAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SetByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_green_channel_customers", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_sla_green_channel_customers_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "transaction_imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DryRun = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TotalRows = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcessedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    WrittenRows = table.Column<int>(type: "INTEGER", nullable: false),
                    BadRows = table.Column<int>(type: "INTEGER", nullable: false),
                    Errors = table.Column<string>(type: "TEXT", nullable: true),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FileKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OrgUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AllUnits = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transaction_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "business_calendar_hours",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CalendarId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartMinute = table.Column<int>(type: "INTEGER", nullable: false),
                    EndMinute = table.Column<int>(type: "INTEGER", nullable: false),
                    BreakStartMinute = table.Column<int>(type: "INTEGER", nullable: true),
                    BreakEndMinute = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_business_calendar_hours", x => x.Id);
                    table.ForeignKey(
                        name: "FK_business_calendar_hours_business_calendars_CalendarId",
                        column: x => x.CalendarId,
                        principalTable: "business_calendars",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "business_calendar_units",
                columns: table => new
                {
                    CalendarId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_business_calendar_units", x => new { x.CalendarId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_business_calendar_units_business_calendars_CalendarId",
                        column: x => x.CalendarId,
                        principalTable: "business_calendars",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_business_calendar_units_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "classification_scheme_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_scheme_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_classification_scheme_versions_classification_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "classification_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "business_calendar_holiday_sets",
                columns: table => new
                {
                    CalendarId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolidaySetId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_business_calendar_holiday_sets", x => new { x.CalendarId, x.HolidaySetId });
                    table.ForeignKey(
                        name: "FK_business_calendar_holiday_sets_business_calendars_CalendarId",
                        column: x => x.CalendarId,
                        principalTable: "business_calendars",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_business_calendar_holiday_sets_holiday_sets_HolidaySetId",
                        column: x => x.HolidaySetId,
                        principalTable: "holiday_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "holiday_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolidaySetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_holiday_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_holiday_entries_holiday_sets_HolidaySetId",
                        column: x => x.HolidaySetId,
                        principalTable: "holiday_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contract_objects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProductModel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SerialNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    AssetNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Province = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    District = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Street = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    InstallDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastMeterReading = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    LastMeterReadingOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_objects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contract_objects_maintenance_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "maintenance_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contract_reminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Recipients = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_reminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contract_reminders_maintenance_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "maintenance_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contract_meter_readings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CoveredObjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReadOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_meter_readings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contract_meter_readings_contract_objects_CoveredObjectId",
                        column: x => x.CoveredObjectId,
                        principalTable: "contract_objects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contract_schedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CoveredObjectId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IntervalMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    AnchorDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MeterInterval = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    MeterBaseline = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    LeadDays = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestTypeCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    NextDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreateOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Generated = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_schedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contract_schedules_contract_objects_CoveredObjectId",
                        column: x => x.CoveredObjectId,
                        principalTable: "contract_objects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_contract_schedules_maintenance_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "maintenance_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_contract_schedules_request_types_RequestTypeCode",
                        column: x => x.RequestTypeCode,
                        principalTable: "request_types",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contract_occurrences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ServiceRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_occurrences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contract_occurrences_contract_schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "contract_schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_contract_occurrences_service_requests_ServiceRequestId",
                        column: x => x.ServiceRequestId,
                        principalTable: "service_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "number_ranges",
                columns: new[] { "Code", "Next", "Prefix", "Width" },
                values: new object[] { "contract", 1L, "MC", 8 });

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_SlaSortKey_Number",
                table: "service_requests",
                columns: new[] { "SlaSortKey", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_SlaState_SlaSortKey",
                table: "service_requests",
                columns: new[] { "SlaState", "SlaSortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_business_calendar_holiday_sets_HolidaySetId",
                table: "business_calendar_holiday_sets",
                column: "HolidaySetId");

            migrationBuilder.CreateIndex(
                name: "IX_business_calendar_hours_CalendarId_Day",
                table: "business_calendar_hours",
                columns: new[] { "CalendarId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_business_calendar_units_UnitId",
                table: "business_calendar_units",
                column: "UnitId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_business_calendars_Code",
                table: "business_calendars",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_class_changes_CustomerId_Id",
                table: "class_changes",
                columns: new[] { "CustomerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_class_changes_RunId",
                table: "class_changes",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_classification_classes_SchemeCode_Code",
                table: "classification_classes",
                columns: new[] { "SchemeCode", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_classification_runs_State_CreatedAt",
                table: "classification_runs",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_classification_scheme_versions_SchemeId_Number",
                table: "classification_scheme_versions",
                columns: new[] { "SchemeId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_classification_schemes_Code",
                table: "classification_schemes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contract_meter_readings_CoveredObjectId_ReadOn",
                table: "contract_meter_readings",
                columns: new[] { "CoveredObjectId", "ReadOn" });

            migrationBuilder.CreateIndex(
                name: "IX_contract_objects_ContractId",
                table: "contract_objects",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_contract_objects_CustomerId_SerialNumber",
                table: "contract_objects",
                columns: new[] { "CustomerId", "SerialNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_contract_occurrences_ContractId",
                table: "contract_occurrences",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_contract_occurrences_ScheduleId_Sequence",
                table: "contract_occurrences",
                columns: new[] { "ScheduleId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contract_occurrences_ServiceRequestId",
                table: "contract_occurrences",
                column: "ServiceRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_contract_reminders_ContractId_EndDate_DaysBefore",
                table: "contract_reminders",
                columns: new[] { "ContractId", "EndDate", "DaysBefore" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contract_schedules_ContractId",
                table: "contract_schedules",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_contract_schedules_CoveredObjectId",
                table: "contract_schedules",
                column: "CoveredObjectId");

            migrationBuilder.CreateIndex(
                name: "IX_contract_schedules_IsActive_CreateOn",
                table: "contract_schedules",
                columns: new[] { "IsActive", "CreateOn" });

            migrationBuilder.CreateIndex(
                name: "IX_contract_schedules_RequestTypeCode",
                table: "contract_schedules",
                column: "RequestTypeCode");

            migrationBuilder.CreateIndex(
                name: "IX_customer_classes_SchemeCode_ClassCode",
                table: "customer_classes",
                columns: new[] { "SchemeCode", "ClassCode" });

            migrationBuilder.CreateIndex(
                name: "IX_holiday_entries_HolidaySetId_Date",
                table: "holiday_entries",
                columns: new[] { "HolidaySetId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_holiday_sets_Code",
                table: "holiday_sets",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_job_runs_JobName_ScheduledAt",
                table: "job_runs",
                columns: new[] { "JobName", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_job_runs_JobName_StartedAt",
                table: "job_runs",
                columns: new[] { "JobName", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_contracts_CustomerId_State_StartDate",
                table: "maintenance_contracts",
                columns: new[] { "CustomerId", "State", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_contracts_Number",
                table: "maintenance_contracts",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_contracts_ResponsibleUnitId_EndDate_Number",
                table: "maintenance_contracts",
                columns: new[] { "ResponsibleUnitId", "EndDate", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_contracts_State_EndDate",
                table: "maintenance_contracts",
                columns: new[] { "State", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_RequestId",
                table: "sla_breaches",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_ResponsibilityCentreId_BreachedAt",
                table: "sla_breaches",
                columns: new[] { "ResponsibilityCentreId", "BreachedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_sla_clocks_ClaimId",
                table: "sla_clocks",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_sla_clocks_RequestId",
                table: "sla_clocks",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_sla_clocks_State_DueAt",
                table: "sla_clocks",
                columns: new[] { "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_sla_clocks_State_WarnAt",
                table: "sla_clocks",
                columns: new[] { "State", "WarnAt" });

            migrationBuilder.CreateIndex(
                name: "IX_transaction_imports_CreatedAt",
                table: "transaction_imports",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_transaction_imports_State_CreatedAt",
                table: "transaction_imports",
                columns: new[] { "State", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "business_calendar_holiday_sets");

            migrationBuilder.DropTable(
                name: "business_calendar_hours");

            migrationBuilder.DropTable(
                name: "business_calendar_units");

            migrationBuilder.DropTable(
                name: "class_changes");

            migrationBuilder.DropTable(
                name: "classification_classes");

            migrationBuilder.DropTable(
                name: "classification_cost_settings");

            migrationBuilder.DropTable(
                name: "classification_runs");

            migrationBuilder.DropTable(
                name: "classification_scheme_versions");

            migrationBuilder.DropTable(
                name: "classification_staging");

            migrationBuilder.DropTable(
                name: "contract_meter_readings");

            migrationBuilder.DropTable(
                name: "contract_occurrences");

            migrationBuilder.DropTable(
                name: "contract_reminders");

            migrationBuilder.DropTable(
                name: "customer_churn");

            migrationBuilder.DropTable(
                name: "customer_classes");

            migrationBuilder.DropTable(
                name: "customer_metrics");

            migrationBuilder.DropTable(
                name: "holiday_entries");

            migrationBuilder.DropTable(
                name: "job_runs");

            migrationBuilder.DropTable(
                name: "service_levels");

            migrationBuilder.DropTable(
                name: "sla_breaches");

            migrationBuilder.DropTable(
                name: "sla_clocks");

            migrationBuilder.DropTable(
                name: "sla_green_channel_customers");

            migrationBuilder.DropTable(
                name: "transaction_imports");

            migrationBuilder.DropTable(
                name: "business_calendars");

            migrationBuilder.DropTable(
                name: "classification_schemes");

            migrationBuilder.DropTable(
                name: "contract_schedules");

            migrationBuilder.DropTable(
                name: "holiday_sets");

            migrationBuilder.DropTable(
                name: "contract_objects");

            migrationBuilder.DropTable(
                name: "maintenance_contracts");

            migrationBuilder.DropIndex(
                name: "IX_service_requests_SlaSortKey_Number",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "IX_service_requests_SlaState_SlaSortKey",
                table: "service_requests");

            migrationBuilder.DeleteData(
                table: "number_ranges",
                keyColumn: "Code",
                keyValue: "contract");

            migrationBuilder.DropColumn(
                name: "GreenChannel",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "SlaDueAt",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "SlaLevelCode",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "SlaSortKey",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "SlaState",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "OnSite",
                table: "request_type_statuses");
        }
    }
}
