using System.Text.Json.Nodes;
using ClubFinder.Api.Admin;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Embed;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClubFinder.Api.Infrastructure;

/// <summary>
/// The OpenAPI document at /swagger/v1/swagger.json, kept clean under Redocly's recommended rules so
/// that generated clients (NSwag, openapi-generator, Kiota) work as they are: the sign-in cookie and
/// bearer tokens as security schemes, the server, every problem an operation can answer, and schemas
/// for the GeoJSON, CSV and iCalendar answers.
/// </summary>
public static class Swagger
{
    public const string CookieScheme = "cookie";
    public const string BearerScheme = "bearer";

    static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Clubs"] = "The public club directory: lists, GeoJSON, nearest clubs and one club's details.",
        ["Schedules"] = "Dated sessions, sessions starting soon and iCalendar feeds.",
        ["Districts"] = "Kraków's 18 districts: counts, boundaries and which district a point lies in.",
        ["Places"] = "Address and place search for choosing a starting point.",
        ["Map"] = "What the map needs: tiles, attribution, centre and languages.",
        ["Open data"] = "All listed clubs as CSV and GeoJSON, without personal data.",
        ["Sign-in"] = "Cookie sign-in for the admin pages, the antiforgery token and setting a password.",
        ["Admin"] = "Operators and the city office: clubs, history, organizations, users, tokens and imports (cookie or bearer token).",
        ["Coverage"] = "Where Kraków's families are far from a club, per district, and what a candidate site would add.",
        ["Suggestions"] = "Corrections and missing clubs reported by parents and operators (anonymous, rate-limited).",
        ["Health"] = "Liveness and readiness for the operators' monitoring.",
    };

    public static IServiceCollection AddClubFinderSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new() { Title = "ClubFinder API", Version = "v1",
                Description = "Kraków's parents' clubs (Kluby Rodziców z dziećmi do lat 3): public reads, calendars and the operators' API." });
            var xml = Path.Combine(AppContext.BaseDirectory, "ClubFinder.Api.xml");
            if (File.Exists(xml)) options.IncludeXmlComments(xml);
            options.AddSecurityDefinition(CookieScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = AuthSetup.CookieName,
                Description = "The admin pages' sign-in cookie (POST /api/auth/login). Unsafe requests also need the X-CSRF-TOKEN header from GET /api/auth/antiforgery.",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "A personal API token (Authorization: Bearer <token>), created in the admin pages or with `tokens create`.",
            });
            options.OperationFilter<OperationOutcomes>();
            options.SchemaFilter<HistoryEntrySchema>();
            options.DocumentFilter<TagDescriptionsFilter>();
        });
        return services;
    }

    public static IApplicationBuilder UseClubFinderSwagger(this IApplicationBuilder app)
    {
        // The server is the site's public address, so a generated client needs no base URL of its own.
        app.UseSwagger(options => options.PreSerializeFilters.Add((document, request) =>
            document.Servers = [new OpenApiServer { Url = PublicUrls.SiteUrl(request), Description = "This ClubFinder service" }]));
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.json", "ClubFinder API v1"));
        return app;
    }

    /// <summary>
    /// The answers every operation can give besides its own: sign-in and permission problems on secured
    /// routes, rate limits, unknown slugs and districts, the antiforgery check, and the server's limits on
    /// the address and headers (all problem JSON); and the schemas of the non-JSON answers.
    /// </summary>
    sealed class OperationOutcomes : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var api = context.ApiDescription;
            var path = "/" + (api.RelativePath ?? "").TrimStart('/');
            var metadata = api.ActionDescriptor.EndpointMetadata;
            var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            var unsafeMethod = api.HttpMethod is not ("GET" or "HEAD" or "OPTIONS");

            operation.Security = secured
                ? [Requirement(CookieScheme, context.Document), Requirement(BearerScheme, context.Document)]
                : [new OpenApiSecurityRequirement()]; // explicitly anonymous
            if (secured) Add(operation, context, 401, 403);
            if (unsafeMethod && (secured || path.StartsWith("/api/auth/logout", StringComparison.Ordinal)))
                Add(operation, context, 400); // the antiforgery check for cookie requests
            if (path.Contains("{slug}", StringComparison.Ordinal) || path.Contains("{id}", StringComparison.Ordinal)
                || api.ParameterDescriptions.Any(p => string.Equals(p.Name, "district", StringComparison.OrdinalIgnoreCase)))
                Add(operation, context, 404);
            if (EmbedEndpoints.IsPublicApiPath(path) || metadata.OfType<EnableRateLimitingAttribute>().Any())
                Add(operation, context, 429);
            Add(operation, context, 414, 431);

            foreach (var (_, response) in operation.Responses ?? [])
                foreach (var (mediaType, content) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
                    if (mediaType.StartsWith("application/geo+json", StringComparison.Ordinal)) content.Schema = FeatureCollection(context);
                    else content.Schema ??= new OpenApiSchema { Type = JsonSchemaType.String };
        }

        static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument document) =>
            new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

        static void Add(OpenApiOperation operation, OperationFilterContext context, params int[] statuses)
        {
            operation.Responses ??= [];
            foreach (var status in statuses)
            {
                var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (operation.Responses.ContainsKey(key)) continue;
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = Problems.TitleFor(status),
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository) },
                    },
                };
            }
        }

        /// <summary>An RFC 7946 FeatureCollection, registered once as a component.</summary>
        static IOpenApiSchema FeatureCollection(OperationFilterContext context)
        {
            const string id = "GeoJsonFeatureCollection";
            if (!context.SchemaRepository.Schemas.ContainsKey(id))
            {
                var feature = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object, Required = new HashSet<string> { "type", "geometry", "properties" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Feature")] },
                        ["id"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["geometry"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "An RFC 7946 geometry (WGS84 longitude, latitude; 6 decimals)." },
                        ["properties"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The feature's attributes: for the map layer (/api/clubs.geojson) a marker's (name, address, operatorType, district, precision, status, specialNeeds, openNow); for the open data export the whole ClubSummary; for districts number, roman, name, clubCount." },
                    },
                };
                context.SchemaRepository.Schemas[id] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object, Description = "An RFC 7946 GeoJSON FeatureCollection.",
                    Required = new HashSet<string> { "type", "features" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("FeatureCollection")] },
                        ["features"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = feature },
                    },
                };
            }
            return new OpenApiSchemaReference(id, context.Document);
        }
    }

    /// <summary>Before and after are the stored JSON objects (or null), which the generator cannot infer from JsonElement.</summary>
    sealed class HistoryEntrySchema : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (context.Type != typeof(HistoryEntry) || schema.Properties is null) return;
            foreach (var (name, when) in new[] { ("before", "before the change; null when it created the club"), ("after", "after the change; null when it deleted the club") })
                schema.Properties[name] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object | JsonSchemaType.Null, AdditionalPropertiesAllowed = true,
                    Description = $"The club as recorded {when}.",
                };
        }
    }

    sealed class TagDescriptionsFilter : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
        }
    }
}
