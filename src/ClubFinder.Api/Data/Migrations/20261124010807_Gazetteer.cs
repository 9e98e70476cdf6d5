using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClubFinder.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Gazetteer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_places_kind_normalized_house_number",
                table: "places");

            migrationBuilder.DropColumn(
                name: "district_number",
                table: "places");

            migrationBuilder.CreateIndex(
                name: "ix_places_kind_normalized_house_number",
                table: "places",
                columns: new[] { "kind", "normalized", "house_number" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_places_kind_normalized_house_number",
                table: "places");

            migrationBuilder.AddColumn<int>(
                name: "district_number",
                table: "places",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_places_kind_normalized_house_number",
                table: "places",
                columns: new[] { "kind", "normalized", "house_number" },
                unique: true);
        }
    }
}
