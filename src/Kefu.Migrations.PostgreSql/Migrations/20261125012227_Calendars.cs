using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Calendars : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "business_calendars",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IsAlwaysOpen = table.Column<bool>(type: "boolean", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_business_calendars", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "holiday_sets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_holiday_sets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "business_calendar_hours",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CalendarId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IsOpen = table.Column<bool>(type: "boolean", nullable: false),
                    StartMinute = table.Column<int>(type: "integer", nullable: false),
                    EndMinute = table.Column<int>(type: "integer", nullable: false),
                    BreakStartMinute = table.Column<int>(type: "integer", nullable: true),
                    BreakEndMinute = table.Column<int>(type: "integer", nullable: true)
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
                    CalendarId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "business_calendar_holiday_sets",
                columns: table => new
                {
                    CalendarId = table.Column<Guid>(type: "uuid", nullable: false),
                    HolidaySetId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HolidaySetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
                name: "IX_holiday_entries_HolidaySetId_Date",
                table: "holiday_entries",
                columns: new[] { "HolidaySetId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_holiday_sets_Code",
                table: "holiday_sets",
                column: "Code",
                unique: true);
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
                name: "holiday_entries");

            migrationBuilder.DropTable(
                name: "business_calendars");

            migrationBuilder.DropTable(
                name: "holiday_sets");
        }
    }
}
