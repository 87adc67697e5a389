using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxDueChannelsCovering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_slack_outbox_Status_NextAttemptAt",
                table: "slack_outbox");

            migrationBuilder.CreateIndex(
                name: "IX_slack_outbox_Status_NextAttemptAt_Channel",
                table: "slack_outbox",
                columns: new[] { "Status", "NextAttemptAt", "Channel" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_slack_outbox_Status_NextAttemptAt_Channel",
                table: "slack_outbox");

            migrationBuilder.CreateIndex(
                name: "IX_slack_outbox_Status_NextAttemptAt",
                table: "slack_outbox",
                columns: new[] { "Status", "NextAttemptAt" });
        }
    }
}
