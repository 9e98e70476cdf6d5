namespace ClubFinder.Api.Infrastructure;

public static class Swagger
{
    public static IServiceCollection AddClubFinderSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new() { Title = "ClubFinder API", Version = "v1",
                Description = "Kraków's parents' clubs (Kluby Rodziców z dziećmi do lat 3): public reads, calendars and the operators' API." });
            var xml = Path.Combine(AppContext.BaseDirectory, "ClubFinder.Api.xml");
            if (File.Exists(xml)) options.IncludeXmlComments(xml);
        });
        return services;
    }

    public static IApplicationBuilder UseClubFinderSwagger(this IApplicationBuilder app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.json", "ClubFinder API v1"));
        return app;
    }
}
