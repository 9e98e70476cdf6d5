using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClubFinder.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClubParentNoteAndInternalNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "notes",
                table: "clubs",
                newName: "internal_notes");

            migrationBuilder.AddColumn<string>(
                name: "parent_note",
                table: "clubs",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "parent_note",
                table: "clubs");

            migrationBuilder.RenameColumn(
                name: "internal_notes",
                table: "clubs",
                newName: "notes");
        }
    }
}
