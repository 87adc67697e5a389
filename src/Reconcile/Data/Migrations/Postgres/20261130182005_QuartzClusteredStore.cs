using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Postgres
{
    /// <summary>
    /// Scale-out on PostgreSQL: Quartz's clustered job store tables (qrtz_*), and on runs the replica that runs each
    /// (instance, heartbeat) plus a unique index that lets only one run of a flow be running in the whole cluster.
    /// </summary>
    public partial class QuartzClusteredStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HeartbeatAt",
                table: "runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Instance",
                table: "runs",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_runs_Flow_running",
                table: "runs",
                column: "Flow",
                unique: true,
                filter: "\"Status\" = 'running'");

            migrationBuilder.Sql(QuartzSchema.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(QuartzSchema.Drop);

            migrationBuilder.DropIndex(
                name: "IX_runs_Flow_running",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "HeartbeatAt",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "Instance",
                table: "runs");
        }
    }
}
