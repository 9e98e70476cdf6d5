using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClubFinder.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApiTokenExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Tokens made before expiry existed get the default lifetime (one year), counted from their creation.
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "expires_at",
                table: "api_tokens",
                type: "timestamp with time zone",
                nullable: true);
            migrationBuilder.Sql("UPDATE api_tokens SET expires_at = created_at + interval '365 days'");
            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "expires_at",
                table: "api_tokens",
                type: "timestamp with time zone",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "expires_at",
                table: "api_tokens");
        }
    }
}
