using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reconcile.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is append-only, enforced by the database itself.
            migrationBuilder.Sql(@"CREATE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;");
            migrationBuilder.Sql("CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_events_no_update ON audit_events;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_events_no_delete ON audit_events;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_events_refuse_change();");
        }
    }
}
