using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Sla : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "GreenChannel",
                table: "service_requests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaDueAt",
                table: "service_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlaLevelCode",
                table: "service_requests",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlaSortKey",
                table: "service_requests",
                type: "character varying(15)",
                maxLength: 15,
                nullable: false,
                defaultValue: "199999999999999");

            migrationBuilder.AddColumn<string>(
                name: "SlaState",
                table: "service_requests",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OnSite",
                table: "request_type_statuses",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "service_levels",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    LowFirstResponse = table.Column<int>(type: "integer", nullable: true),
                    LowArrival = table.Column<int>(type: "integer", nullable: true),
                    LowResolution = table.Column<int>(type: "integer", nullable: true),
                    NormalFirstResponse = table.Column<int>(type: "integer", nullable: true),
                    NormalArrival = table.Column<int>(type: "integer", nullable: true),
                    NormalResolution = table.Column<int>(type: "integer", nullable: true),
                    HighFirstResponse = table.Column<int>(type: "integer", nullable: true),
                    HighArrival = table.Column<int>(type: "integer", nullable: true),
                    HighResolution = table.Column<int>(type: "integer", nullable: true),
                    EmergencyFirstResponse = table.Column<int>(type: "integer", nullable: true),
                    EmergencyArrival = table.Column<int>(type: "integer", nullable: true),
                    EmergencyResolution = table.Column<int>(type: "integer", nullable: true),
                    CoveredTypes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DefaultForTypes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    WarningPercent = table.Column<int>(type: "integer", nullable: false),
                    GreenChannelPercent = table.Column<int>(type: "integer", nullable: false),
                    GreenSkipsApproval = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_levels", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "sla_breaches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponsibilityCentreId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LevelCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BreachedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UrgencyBefore = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LevelCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    TargetMinutes = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WarnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PausedSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PausedMinutes = table.Column<int>(type: "integer", nullable: false),
                    MetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WarnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BreachedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ClaimId = table.Column<Guid>(type: "uuid", nullable: true)
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
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SetByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_SlaSortKey_Number",
                table: "service_requests",
                columns: new[] { "SlaSortKey", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_SlaState_SlaSortKey",
                table: "service_requests",
                columns: new[] { "SlaState", "SlaSortKey" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_levels");

            migrationBuilder.DropTable(
                name: "sla_breaches");

            migrationBuilder.DropTable(
                name: "sla_clocks");

            migrationBuilder.DropTable(
                name: "sla_green_channel_customers");

            migrationBuilder.DropIndex(
                name: "IX_service_requests_SlaSortKey_Number",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "IX_service_requests_SlaState_SlaSortKey",
                table: "service_requests");

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
