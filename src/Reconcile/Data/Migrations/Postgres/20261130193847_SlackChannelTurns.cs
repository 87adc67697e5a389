using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Postgres
{
    /// <summary>
    /// Scale-out: each Slack channel's next posting turn, shared by every replica (written only through raw SQL by
    /// the Slack channel limiter, so it is not part of the EF model).
    /// </summary>
    public partial class SlackChannelTurns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TABLE slack_channel_turns (channel text PRIMARY KEY, next_turn_at timestamp with time zone NOT NULL);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE slack_channel_turns;");
        }
    }
}
