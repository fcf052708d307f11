using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.PostgreSql.Migrations
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
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EscalationReason",
                table: "service_requests",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HandedOverAt",
                table: "service_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "HandedOverToUnitId",
                table: "service_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HandoverPaidInFull",
                table: "service_requests",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedStatus",
                table: "request_types",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectedStatus",
                table: "request_types",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsLogistics",
                table: "org_units",
                type: "boolean",
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
