using System.Runtime.InteropServices;

namespace ClubFinder.Api.Infrastructure;

/// <summary>
/// glibc's malloc gives each thread that allocates natively (TLS, compression, the ICU collator) an arena of its own,
/// up to eight per core, and keeps what they freed: on this service's two cores that was 10–15 MB of the process's
/// ~205 MB after a load round, for native allocations that are small and short-lived. Two arenas are enough for
/// them (what MALLOC_ARENA_MAX=2 does, set here so every way of starting the app gets it).
/// </summary>
static class NativeHeap
{
    const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int MallOpt(int parameter, int value);

    public static void LimitArenas(int arenas = 2)
    {
        // An explicit MALLOC_ARENA_MAX wins; elsewhere (Windows, macOS, musl without arenas) there is nothing to set.
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return;
        try { MallOpt(ArenaMax, arenas); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }
}
