using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Contracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "maintenance_contracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceLevelCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Fee = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    BillingPeriod = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CoveredTypes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ResponsibleUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponsibleUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    AccountManagerId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TerminatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TerminationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                name: "contract_objects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProductModel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SerialNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    AssetNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Province = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    City = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    District = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Street = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    InstallDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LastMeterReading = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    LastMeterReadingOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DaysBefore = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CoveredObjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReadOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CoveredObjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IntervalMonths = table.Column<int>(type: "integer", nullable: true),
                    AnchorDate = table.Column<DateOnly>(type: "date", nullable: true),
                    MeterInterval = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    MeterBaseline = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    LeadDays = table.Column<int>(type: "integer", nullable: false),
                    RequestTypeCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    NextDue = table.Column<DateOnly>(type: "date", nullable: true),
                    CreateOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Generated = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ServiceRequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contract_meter_readings");

            migrationBuilder.DropTable(
                name: "contract_occurrences");

            migrationBuilder.DropTable(
                name: "contract_reminders");

            migrationBuilder.DropTable(
                name: "contract_schedules");

            migrationBuilder.DropTable(
                name: "contract_objects");

            migrationBuilder.DropTable(
                name: "maintenance_contracts");

            migrationBuilder.DeleteData(
                table: "number_ranges",
                keyColumn: "Code",
                keyValue: "contract");
        }
    }
}
