using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ClubFinder.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class DistrictResidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "district_residents",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_number = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    residents = table.Column<int>(type: "integer", nullable: false),
                    children0to3 = table.Column<int>(type: "integer", nullable: true),
                    area_km2official = table.Column<double>(type: "double precision", nullable: true),
                    source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_district_residents", x => x.id);
                    table.CheckConstraint("ck_district_residents_area", "area_km2official IS NULL OR area_km2official > 0");
                    table.CheckConstraint("ck_district_residents_children", "children0to3 IS NULL OR children0to3 >= 0");
                    table.CheckConstraint("ck_district_residents_residents", "residents > 0");
                    table.ForeignKey(
                        name: "fk_district_residents_districts_district_number",
                        column: x => x.district_number,
                        principalTable: "districts",
                        principalColumn: "number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_district_residents_district_number_date",
                table: "district_residents",
                columns: new[] { "district_number", "date" },
                unique: true);

            // New residents figures change the coverage answers, which every app instance computes per snapshot.
            migrationBuilder.Sql("""
                CREATE TRIGGER district_residents_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON district_residents
                FOR EACH STATEMENT EXECUTE FUNCTION notify_clubfinder_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS district_residents_notify_changed ON district_residents;");
            migrationBuilder.DropTable(
                name: "district_residents");
        }
    }
}
