using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoveringReceivedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_records_System_ReceivedAt",
                table: "records");

            migrationBuilder.CreateIndex(
                name: "IX_records_System_ReceivedAt_OrderId",
                table: "records",
                columns: new[] { "System", "ReceivedAt", "OrderId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_records_System_ReceivedAt_OrderId",
                table: "records");

            migrationBuilder.CreateIndex(
                name: "IX_records_System_ReceivedAt",
                table: "records",
                columns: new[] { "System", "ReceivedAt" });
        }
    }
}
