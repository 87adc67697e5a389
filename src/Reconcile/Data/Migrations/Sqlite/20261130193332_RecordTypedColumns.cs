using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordTypedColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Campaign",
                table: "records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Compact",
                table: "records",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Currency",
                table: "records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerId",
                table: "records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Discount",
                table: "records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PromoCode",
                table: "records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Subtotal",
                table: "records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tax",
                table: "records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Total",
                table: "records",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Campaign",
                table: "records");

            migrationBuilder.DropColumn(
                name: "Compact",
                table: "records");

            migrationBuilder.DropColumn(
                name: "Currency",
                table: "records");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "records");

            migrationBuilder.DropColumn(
                name: "Discount",
                table: "records");

            migrationBuilder.DropColumn(
                name: "PromoCode",
                table: "records");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "records");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "records");

            migrationBuilder.DropColumn(
                name: "Subtotal",
                table: "records");

            migrationBuilder.DropColumn(
                name: "Tax",
                table: "records");

            migrationBuilder.DropColumn(
                name: "Total",
                table: "records");
        }
    }
}
