using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Automation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "automation_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExceptionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Flow = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_automation_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "automation_switches",
                columns: table => new
                {
                    Flow = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_automation_switches", x => x.Flow);
                });

            migrationBuilder.CreateIndex(
                name: "IX_automation_attempts_ExceptionId_Mode",
                table: "automation_attempts",
                columns: new[] { "ExceptionId", "Mode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_automation_attempts_Flow_StartedAt",
                table: "automation_attempts",
                columns: new[] { "Flow", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "automation_attempts");

            migrationBuilder.DropTable(
                name: "automation_switches");
        }
    }
}
