using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port on 127.0.0.1 (own database), for browser tests that need
/// an address Chromium can open.
/// </summary>
public class BrowserApp : ClubFinderApp
{
    public string BaseUrl { get; private set; } = "";

    protected override async Task StartAsync()
    {
        UseKestrel(port: 0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        await Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
