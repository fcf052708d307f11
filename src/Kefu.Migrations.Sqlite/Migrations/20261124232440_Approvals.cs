using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Approvals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApprovalState",
                table: "service_requests",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EscalationReason",
                table: "service_requests",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HandedOverAt",
                table: "service_requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "HandedOverToUnitId",
                table: "service_requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HandoverPaidInFull",
                table: "service_requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedStatus",
                table: "request_types",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectedStatus",
                table: "request_types",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsLogistics",
                table: "org_units",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovalState",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "EscalationReason",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "HandedOverAt",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "HandedOverToUnitId",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "HandoverPaidInFull",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "ApprovedStatus",
                table: "request_types");

            migrationBuilder.DropColumn(
                name: "RejectedStatus",
                table: "request_types");

            migrationBuilder.DropColumn(
                name: "IsLogistics",
                table: "org_units");
        }
    }
}
