using Microsoft.AspNetCore.HttpOverrides;
using ClubFinder.Api.Admin;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Coverage;
using ClubFinder.Api.Completeness;
using ClubFinder.Api.Data;
using ClubFinder.Api.Districts;
using ClubFinder.Api.Embed;
using ClubFinder.Api.Infrastructure;
using ClubFinder.Api.Map;
using ClubFinder.Api.Export;
using ClubFinder.Api.Places;
using ClubFinder.Api.Schedules;
using ClubFinder.Api.Suggestions;

NativeHeap.LimitArenas();
var command = Commands.IsCommand(args) ? args : null;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command is null ? args : [],
    // The front end lives in wwwroot/ at the repository root and is copied beside the binary.
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

builder.Services.AddClubFinderDatabase(builder.Configuration);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ClubDirectory>();
builder.Services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.Section);
builder.Services.AddOptions<MapOptions>().BindConfiguration(MapOptions.Section);
builder.Services.AddOptions<CompletenessOptions>().BindConfiguration(CompletenessOptions.Section);
builder.Services.AddSingleton<PublicCompleteness>();
if (command is null) builder.Services.AddHostedService<ClubDirectoryListener>();
if (command is null) builder.Services.AddHostedService<PlaceIndexRefresher>();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
builder.Services.AddClubFinderHealthChecks();
builder.Services.AddClubFinderSwagger();
builder.Services.AddClubFinderAuth(builder.Environment, builder.Configuration);
builder.Services.AddClubFinderEmbed();
builder.Services.AddClubFinderPublicUrls(builder.Environment);
builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
builder.Services.AddClubFinderLimits();
builder.Services.AddClubFinderTelemetry(builder.Configuration);
builder.Services.AddClubFinderCoverage();
builder.Services.AddClubFinderWebAssets();
builder.Services.AddClubFinderSuggestions(runCleanup: command is null);

var app = builder.Build();

if (command is not null) return await Commands.RunAsync(app.Services, command);

await app.Services.MigrateAndSeedAsync();
// The directory's first load is the listener's (ClubDirectoryListener.StartAsync), before requests are taken.
await app.Services.GetRequiredService<PlaceIndex>().ReloadAsync();

// Behind a TLS-terminating proxy on this host, the client's scheme and address come from
// X-Forwarded-Proto/For (only loopback proxies are trusted by default).
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
// Browsers that once reached the service over https keep to https (sent on https answers only).
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseExceptionHandler();
app.UseServerLimits();
app.UseClubFinderMetrics();
app.UseStatusCodePages();
app.UseClubFinderCompression();
app.UseSecurityHeaders();
app.UseEmbedCors();
// Pages revalidated, assets cacheable for a year under a content-versioned prefix.
app.UseClubFinderStaticFiles();
app.UseClubFinderSwagger();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseRequestGuards();

app.MapClubs();
app.MapSchedules();
app.MapDistricts();
app.MapPlaces();
app.MapConfigEndpoint();
app.MapAuth();
app.MapAdmin();
app.MapExports();
app.MapSuggestions();
app.MapCompleteness();
app.MapEmbed();
app.MapClubFinderHealthChecks();
app.MapClubPage();
app.MapCoverage();

app.Run();
return 0;

public partial class Program;
