using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class MetricsSnapshotWithoutAutovacuum : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each classification run truncates, fills and analyses the snapshot itself. Autovacuum otherwise vacuumed the million
            // freshly inserted rows (insert threshold) while the run's schemes were reading them, only to be cancelled by the next
            // run's TRUNCATE. Anti-wraparound vacuums still run when needed.
            migrationBuilder.Sql("ALTER TABLE customer_metrics SET (autovacuum_enabled = false)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE customer_metrics RESET (autovacuum_enabled)");
        }
    }
}
