using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GreenChannelFirstAndConsecutivePurchases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConsecutivePurchases",
                table: "customer_metrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_GreenChannel_CreatedAt_Number",
                table: "service_requests",
                columns: new[] { "GreenChannel", "CreatedAt", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_service_requests_GreenChannel_CreatedAt_Number",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "ConsecutivePurchases",
                table: "customer_metrics");
        }
    }
}
