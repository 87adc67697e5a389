using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is append-only, enforced by the database itself.
            migrationBuilder.Sql("CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_events_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_events_no_delete;");
        }
    }
}
