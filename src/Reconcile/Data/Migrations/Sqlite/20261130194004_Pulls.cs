using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Pulls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pull_watermarks",
                columns: table => new
                {
                    System = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Watermark = table.Column<long>(type: "INTEGER", nullable: false),
                    PullId = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pull_watermarks", x => x.System);
                });

            migrationBuilder.CreateTable(
                name: "pulls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    System = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Pages = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordsStored = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordsUnchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordsQuarantined = table.Column<int>(type: "INTEGER", nullable: false),
                    Errors = table.Column<string>(type: "TEXT", nullable: true),
                    WatermarkBefore = table.Column<long>(type: "INTEGER", nullable: true),
                    WatermarkAfter = table.Column<long>(type: "INTEGER", nullable: true),
                    Instance = table.Column<string>(type: "TEXT", nullable: true),
                    HeartbeatAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pulls", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pulls_System_running",
                table: "pulls",
                column: "System",
                unique: true,
                filter: "\"Status\" = 'running'");

            migrationBuilder.CreateIndex(
                name: "IX_pulls_System_StartedAt",
                table: "pulls",
                columns: new[] { "System", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pull_watermarks");

            migrationBuilder.DropTable(
                name: "pulls");
        }
    }
}
