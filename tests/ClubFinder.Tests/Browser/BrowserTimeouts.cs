using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace ClubFinder.Tests.Browser;

/// <summary>
/// One generous deadline for every browser wait and web-first assertion. They return as soon as the
/// condition holds, so a long deadline costs nothing when things work, and a loaded CI machine
/// (load average 10–30 on 2 cores) no longer turns a slow page into a failure.
/// </summary>
public static class BrowserTimeouts
{
    public const float Milliseconds = 30_000;

    [ModuleInitializer]
    internal static void SetAssertionTimeout() => Assertions.SetDefaultExpectTimeout(Milliseconds);

    public static IBrowserContext Apply(IBrowserContext context)
    {
        context.SetDefaultTimeout(Milliseconds);
        return context;
    }
}
