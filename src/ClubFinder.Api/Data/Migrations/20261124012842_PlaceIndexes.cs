using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClubFinder.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlaceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_places_normalized",
                table: "places");

            migrationBuilder.CreateIndex(
                name: "ix_places_normalized",
                table: "places",
                column: "normalized",
                filter: "kind <> 'address'")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_places_postcode",
                table: "places",
                column: "postcode",
                filter: "kind = 'address'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_places_normalized",
                table: "places");

            migrationBuilder.DropIndex(
                name: "ix_places_postcode",
                table: "places");

            migrationBuilder.CreateIndex(
                name: "ix_places_normalized",
                table: "places",
                column: "normalized")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }
    }
}
