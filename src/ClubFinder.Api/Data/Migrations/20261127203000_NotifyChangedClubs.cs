using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClubFinder.Api.Data.Migrations
{
    /// <summary>
    /// Changes to clubs, sessions and closures name the clubs they touch (payload <c>clubs 12,40</c>, or
    /// <c>clubs *</c> for a truncate or more than 200 clubs in one statement), so app instances update
    /// those clubs instead of reloading everything. Districts and organizations keep the plain table name
    /// (a full reload). Still one notification per statement, from transition tables.
    /// </summary>
    public partial class NotifyChangedClubs : Migration
    {
        static readonly (string Table, string ClubColumn)[] ClubTables = [("clubs", "id"), ("sessions", "club_id"), ("closures", "club_id")];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_clubfinder_clubs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    ids int[];
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        SELECT array_agg(DISTINCT (to_jsonb(n) ->> TG_ARGV[0])::int) INTO ids FROM new_rows n;
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT array_agg(DISTINCT (to_jsonb(o) ->> TG_ARGV[0])::int) INTO ids FROM old_rows o;
                    ELSE
                        SELECT array_agg(DISTINCT id) INTO ids FROM (
                            SELECT (to_jsonb(n) ->> TG_ARGV[0])::int AS id FROM new_rows n
                            UNION SELECT (to_jsonb(o) ->> TG_ARGV[0])::int FROM old_rows o) changed;
                    END IF;
                    IF ids IS NULL THEN
                        RETURN NULL;
                    END IF;
                    PERFORM pg_notify('clubfinder_changed',
                        'clubs ' || CASE WHEN cardinality(ids) > 200 THEN '*' ELSE array_to_string(ids, ',') END);
                    RETURN NULL;
                END $$;
                """);
            foreach (var (table, column) in ClubTables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER IF EXISTS {table}_notify_changed ON {table};
                    CREATE TRIGGER {table}_notify_inserted AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION notify_clubfinder_clubs_changed('{column}');
                    CREATE TRIGGER {table}_notify_updated AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION notify_clubfinder_clubs_changed('{column}');
                    CREATE TRIGGER {table}_notify_deleted AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION notify_clubfinder_clubs_changed('{column}');
                    CREATE TRIGGER {table}_notify_truncated AFTER TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION notify_clubfinder_changed();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in ClubTables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER IF EXISTS {table}_notify_inserted ON {table};
                    DROP TRIGGER IF EXISTS {table}_notify_updated ON {table};
                    DROP TRIGGER IF EXISTS {table}_notify_deleted ON {table};
                    DROP TRIGGER IF EXISTS {table}_notify_truncated ON {table};
                    CREATE TRIGGER {table}_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION notify_clubfinder_changed();
                    """);
            }
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS notify_clubfinder_clubs_changed();");
        }
    }
}
