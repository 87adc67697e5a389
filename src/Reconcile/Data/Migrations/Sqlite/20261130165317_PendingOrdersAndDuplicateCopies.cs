using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PendingOrdersAndDuplicateCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_records_System_OrderId_ExternalId",
                table: "records");

            migrationBuilder.AddColumn<int>(
                name: "OrdersPending",
                table: "runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Copy",
                table: "records",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_records_System_OrderId_ExternalId_Copy",
                table: "records",
                columns: new[] { "System", "OrderId", "ExternalId", "Copy" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_records_System_OrderUpdatedAt",
                table: "records",
                columns: new[] { "System", "OrderUpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_records_System_OrderId_ExternalId_Copy",
                table: "records");

            migrationBuilder.DropIndex(
                name: "IX_records_System_OrderUpdatedAt",
                table: "records");

            migrationBuilder.DropColumn(
                name: "OrdersPending",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "Copy",
                table: "records");

            migrationBuilder.CreateIndex(
                name: "IX_records_System_OrderId_ExternalId",
                table: "records",
                columns: new[] { "System", "OrderId", "ExternalId" },
                unique: true);
        }
    }
}
