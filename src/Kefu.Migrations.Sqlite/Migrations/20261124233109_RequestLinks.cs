using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RequestLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "service_requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "service_request_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_request_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_request_links_service_requests_FromRequestId",
                        column: x => x.FromRequestId,
                        principalTable: "service_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_service_request_links_service_requests_ToRequestId",
                        column: x => x.ToRequestId,
                        principalTable: "service_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_service_request_links_FromRequestId_ToRequestId_Kind",
                table: "service_request_links",
                columns: new[] { "FromRequestId", "ToRequestId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_request_links_ToRequestId",
                table: "service_request_links",
                column: "ToRequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_request_links");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "service_requests");
        }
    }
}
