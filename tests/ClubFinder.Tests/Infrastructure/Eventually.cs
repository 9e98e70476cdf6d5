namespace ClubFinder.Tests.Infrastructure;

/// <summary>
/// Waits for an observable condition instead of a fixed time. The deadline is generous on purpose:
/// a loaded 2-core CI machine can be many times slower than a developer's; how fast things happen is
/// measured in benchmarks, not asserted here.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="probe"/> until it returns a value <paramref name="done"/> accepts; returns that value,
    /// or the last one seen when the deadline passes (so the caller's assertion reports what was there).</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        if (!await ValueAsync(condition, ok => ok, timeout))
            throw new TimeoutException($"Waited {(timeout ?? DefaultTimeout).TotalSeconds:0} s for {what}.");
    }
}
