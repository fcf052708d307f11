using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BulkPurchasesAndMetricsSnapshot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_transactions_customers_CustomerId",
                table: "transactions");

            migrationBuilder.DropIndex(
                name: "IX_transactions_ImportId",
                table: "transactions");

            migrationBuilder.AlterColumn<int>(
                name: "ConsecutivePurchases",
                table: "customer_metrics",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "ConsecutivePurchases",
                table: "customer_metrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_transactions_ImportId",
                table: "transactions",
                column: "ImportId");

            migrationBuilder.AddForeignKey(
                name: "FK_transactions_customers_CustomerId",
                table: "transactions",
                column: "CustomerId",
                principalTable: "customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
