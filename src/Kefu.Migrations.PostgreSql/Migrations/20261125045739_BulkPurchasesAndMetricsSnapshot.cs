using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.PostgreSql.Migrations
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
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            // A snapshot each classification run rebuilds: no write-ahead log for it (emptied after a crash until the next run).
            migrationBuilder.Sql("ALTER TABLE customer_metrics SET UNLOGGED");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE customer_metrics SET LOGGED");

            migrationBuilder.AlterColumn<int>(
                name: "ConsecutivePurchases",
                table: "customer_metrics",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
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
