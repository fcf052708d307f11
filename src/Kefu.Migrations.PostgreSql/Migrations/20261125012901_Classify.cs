using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Classify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "class_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FromClass = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ToClass = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Colour = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Priority = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ServiceLevelCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    GreenChannel = table.Column<bool>(type: "boolean", nullable: false),
                    CallbackCadenceDays = table.Column<int>(type: "integer", nullable: true),
                    VisitCadenceDays = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_classes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "classification_cost_settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WindowMonths = table.Column<int>(type: "integer", nullable: false),
                    CostPerRequest = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    CostPerVisit = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    CostPerComplaint = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    CostPerItemUnit = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    ComplaintTypeCodes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_cost_settings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "classification_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SchemeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    RequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StepsDone = table.Column<int>(type: "integer", nullable: false),
                    StepsTotal = table.Column<int>(type: "integer", nullable: false),
                    ProgressJson = table.Column<string>(type: "text", nullable: false),
                    Customers = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "classification_schemes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CurrentVersion = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_schemes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "classification_staging",
                columns: table => new
                {
                    SchemeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_staging", x => new { x.SchemeCode, x.CustomerId });
                });

            migrationBuilder.CreateTable(
                name: "customer_churn",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClassCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revenue = table.Column<double>(type: "double precision", nullable: false),
                    Purchases = table.Column<int>(type: "integer", nullable: false),
                    MaxSinglePurchase = table.Column<double>(type: "double precision", nullable: false),
                    LifetimeRevenue = table.Column<double>(type: "double precision", nullable: false),
                    LifetimePurchases = table.Column<int>(type: "integer", nullable: false),
                    FirstPurchase = table.Column<DateOnly>(type: "date", nullable: true),
                    LastPurchase = table.Column<DateOnly>(type: "date", nullable: true),
                    DaysSinceFirstPurchase = table.Column<int>(type: "integer", nullable: true),
                    DaysSinceLastPurchase = table.Column<int>(type: "integer", nullable: true),
                    MeanIntervalDays = table.Column<double>(type: "double precision", nullable: true),
                    Requests = table.Column<int>(type: "integer", nullable: false),
                    Visits = table.Column<int>(type: "integer", nullable: false),
                    Complaints = table.Column<int>(type: "integer", nullable: false),
                    ItemUnits = table.Column<double>(type: "double precision", nullable: false),
                    CostToServe = table.Column<double>(type: "double precision", nullable: false),
                    Profit = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_metrics", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "classification_scheme_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_scheme_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_classification_scheme_versions_classification_schemes_Schem~",
                        column: x => x.SchemeId,
                        principalTable: "classification_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "IX_customer_classes_SchemeCode_ClassCode",
                table: "customer_classes",
                columns: new[] { "SchemeCode", "ClassCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "customer_churn");

            migrationBuilder.DropTable(
                name: "customer_classes");

            migrationBuilder.DropTable(
                name: "customer_metrics");

            migrationBuilder.DropTable(
                name: "classification_schemes");
        }
    }
}
