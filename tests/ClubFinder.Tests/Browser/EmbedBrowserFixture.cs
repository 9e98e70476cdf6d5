using System.Collections.Concurrent;
using System.Net;
using ClubFinder.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace ClubFinder.Tests.Browser;

/// <summary>The app on Kestrel with one allowed host origin, whose address is known only once the
/// host site is listening; so the host site starts first.</summary>
public class EmbedBrowserApp(string allowedOrigin) : BrowserApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Embed:AllowedOrigins:0", allowedOrigin);
        builder.UseSetting("Embed:AllowedOrigins:1", "");
    }
}

/// <summary>
/// Another site: a tiny Kestrel app on two loopback ports serving pages the tests write. The
/// first port is on the app's allow-list, the second is not.
/// </summary>
public sealed class HostSite : IAsyncDisposable
{
    readonly WebApplication site;
    readonly ConcurrentDictionary<string, string> pages = new();

    public string AllowedOrigin { get; }
    public string RefusedOrigin { get; }

    HostSite(WebApplication site, string allowed, string refused)
    {
        this.site = site;
        AllowedOrigin = allowed;
        RefusedOrigin = refused;
    }

    public static async Task<HostSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var site = builder.Build();
        HostSite? host = null;
        site.MapGet("/{name}", (string name) => host!.pages.TryGetValue(name, out var html)
            ? Results.Content(html, "text/html; charset=utf-8")
            : Results.NotFound());
        await site.StartAsync();
        var addresses = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.TrimEnd('/')).ToArray();
        host = new HostSite(site, addresses[0], addresses[1]);
        return host;
    }

    /// <summary>Publishes a page at /{name} on both ports and returns its path.</summary>
    public string Page(string name, string body, string title = "Host page")
    {
        pages[name] = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{title}</title></head>
            <body>
            <header><p><a id="before" href="#top">A link on the host page before the widget</a></p></header>
            <main>
            <h1>{title}</h1>
            {body}
            </main>
            <footer><p><a id="after" href="#top">A link on the host page after the widget</a></p></footer>
            </body>
            </html>
            """;
        return "/" + name;
    }

    public ValueTask DisposeAsync() => site.DisposeAsync();
}

/// <summary>One Chromium (the distribution's, never a download), the app and the host site for a test class.</summary>
public sealed class EmbedBrowserFixture : IAsyncLifetime
{
    IPlaywright? playwright;

    public HostSite Host { get; private set; } = null!;
    public EmbedBrowserApp App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await HostSite.StartAsync();
        App = new EmbedBrowserApp(Host.AllowedOrigin);
        await App.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A fresh context that can reach 127.0.0.1 only (map tiles and everything else are refused).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = BrowserTimeouts.Apply(await Browser.NewContextAsync(options ?? new BrowserNewContextOptions()));
        await context.RouteAsync("**/*", route =>
            new Uri(route.Request.Url).Host == "127.0.0.1" ? route.ContinueAsync() : route.AbortAsync());
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (App is not null) await ((IAsyncLifetime)App).DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
    }
}
