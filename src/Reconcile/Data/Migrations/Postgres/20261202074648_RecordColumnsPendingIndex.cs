using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecordColumnsPendingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_records_columns_pending",
                table: "records",
                column: "Id",
                filter: "\"Compact\" IS NULL AND \"Payload\" IS NOT NULL AND NOT \"Quarantined\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_records_columns_pending",
                table: "records");
        }
    }
}
