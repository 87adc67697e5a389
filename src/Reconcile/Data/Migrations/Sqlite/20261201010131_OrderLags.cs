using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrderLags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "order_lag_flows",
                columns: table => new
                {
                    Flow = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_lag_flows", x => x.Flow);
                });

            migrationBuilder.CreateTable(
                name: "order_lags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Flow = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LagTicks = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_lags", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_order_lags_Flow_CreatedAt_UpdatedAt_LagTicks",
                table: "order_lags",
                columns: new[] { "Flow", "CreatedAt", "UpdatedAt", "LagTicks" });

            migrationBuilder.CreateIndex(
                name: "IX_order_lags_Flow_OrderId",
                table: "order_lags",
                columns: new[] { "Flow", "OrderId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "order_lag_flows");

            migrationBuilder.DropTable(
                name: "order_lags");
        }
    }
}
