using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PurchasesWithoutForeignKey : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
