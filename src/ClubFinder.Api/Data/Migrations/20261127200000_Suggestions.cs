using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ClubFinder.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Suggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "suggestion_id",
                table: "audit_log",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "suggestions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    club_id = table.Column<int>(type: "integer", nullable: true),
                    topic = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    club_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    operator_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "text", nullable: true),
                    close_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suggestions", x => x.id);
                    table.CheckConstraint("ck_suggestions_email_only_while_open", "email IS NULL OR status = 'open'");
                    table.CheckConstraint("ck_suggestions_kind", "kind IN ('correction','missing-club')");
                    table.CheckConstraint("ck_suggestions_status", "status IN ('open','accepted','dismissed')");
                    table.ForeignKey(
                        name: "fk_suggestions_clubs_club_id",
                        column: x => x.club_id,
                        principalTable: "clubs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_club_id",
                table: "suggestions",
                column: "club_id");

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_created_at",
                table: "suggestions",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_status_club_id",
                table: "suggestions",
                columns: new[] { "status", "club_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "suggestions");

            migrationBuilder.DropColumn(
                name: "suggestion_id",
                table: "audit_log");
        }
    }
}
