using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "request_types",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_types", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "request_type_statuses",
                columns: table => new
                {
                    TypeCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    LabelZh = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SystemStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Roles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsInitial = table.Column<bool>(type: "INTEGER", nullable: false),
                    WaitsForCustomer = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_type_statuses", x => new { x.TypeCode, x.Code });
                    table.ForeignKey(
                        name: "FK_request_type_statuses_request_types_TypeCode",
                        column: x => x.TypeCode,
                        principalTable: "request_types",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "request_type_transitions",
                columns: table => new
                {
                    TypeCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    FromCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ToCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_type_transitions", x => new { x.TypeCode, x.FromCode, x.ToCode });
                    table.ForeignKey(
                        name: "FK_request_type_transitions_request_types_TypeCode",
                        column: x => x.TypeCode,
                        principalTable: "request_types",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TypeCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ChargeMode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PaidInFull = table.Column<bool>(type: "INTEGER", nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ShortText = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShipToCustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reporter = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReferenceDocument = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReferenceDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RequiredStart = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpectedEnd = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResponsibilityCentreId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkCentreId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResponsiblePersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ObjectProvince = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ObjectCity = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ObjectDistrict = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ObjectStreet = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EarlierRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserStatus = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SystemStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_requests_AspNetUsers_ResponsiblePersonId",
                        column: x => x.ResponsiblePersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_service_requests_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_service_requests_customers_ShipToCustomerId",
                        column: x => x.ShipToCustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_service_requests_org_units_ResponsibilityCentreId",
                        column: x => x.ResponsibilityCentreId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_service_requests_org_units_WorkCentreId",
                        column: x => x.WorkCentreId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_service_requests_request_types_TypeCode",
                        column: x => x.TypeCode,
                        principalTable: "request_types",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_service_requests_service_requests_EarlierRequestId",
                        column: x => x.EarlierRequestId,
                        principalTable: "service_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "service_request_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryLevel1 = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CategoryLevel2 = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ColourMain = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ColourSecondary = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Material = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 12, scale: 3, nullable: true),
                    ReasonCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    OemVendor = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_request_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_request_items_service_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "service_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_request_log",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_request_log", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_request_log_service_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "service_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_request_status_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_request_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_request_status_changes_service_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "service_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_service_request_items_RequestId",
                table: "service_request_items",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_service_request_log_RequestId_At",
                table: "service_request_log",
                columns: new[] { "RequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_service_request_status_changes_RequestId_At",
                table: "service_request_status_changes",
                columns: new[] { "RequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_CreatedAt_Number",
                table: "service_requests",
                columns: new[] { "CreatedAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_CustomerId_CreatedAt",
                table: "service_requests",
                columns: new[] { "CustomerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_EarlierRequestId",
                table: "service_requests",
                column: "EarlierRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_Number",
                table: "service_requests",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_ResponsibilityCentreId_SystemStatus_CreatedAt",
                table: "service_requests",
                columns: new[] { "ResponsibilityCentreId", "SystemStatus", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_ResponsiblePersonId",
                table: "service_requests",
                column: "ResponsiblePersonId");

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_ShipToCustomerId",
                table: "service_requests",
                column: "ShipToCustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_SystemStatus_RequiredStart",
                table: "service_requests",
                columns: new[] { "SystemStatus", "RequiredStart" });

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_TypeCode",
                table: "service_requests",
                column: "TypeCode");

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_WorkCentreId_SystemStatus_CreatedAt",
                table: "service_requests",
                columns: new[] { "WorkCentreId", "SystemStatus", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "request_type_statuses");

            migrationBuilder.DropTable(
                name: "request_type_transitions");

            migrationBuilder.DropTable(
                name: "service_request_items");

            migrationBuilder.DropTable(
                name: "service_request_log");

            migrationBuilder.DropTable(
                name: "service_request_status_changes");

            migrationBuilder.DropTable(
                name: "service_requests");

            migrationBuilder.DropTable(
                name: "request_types");
        }
    }
}
