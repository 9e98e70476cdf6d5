using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ClubFinder.Api.Suggestions;

/// <summary>
/// A few suggestions an hour per client address (a sliding hour, on the app's TimeProvider so
/// tests move a fake clock instead of waiting). Per instance, like the other rate limits.
/// </summary>
public sealed class SuggestionLimiter(TimeProvider clock, IOptions<SuggestionOptions> options)
{
    static readonly TimeSpan Window = TimeSpan.FromHours(1);
    readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> sent = new();
    long calls;

    /// <summary>Counts one attempt; null when allowed, else how long until the next one is.</summary>
    public TimeSpan? TryAcquire(string client)
    {
        var now = clock.GetUtcNow();
        var times = sent.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        TimeSpan? wait;
        lock (times)
        {
            while (times.Count > 0 && times.Peek() <= now - Window) times.Dequeue();
            if (times.Count >= options.Value.PerClientPerHour) wait = times.Peek() + Window - now;
            else
            {
                times.Enqueue(now);
                wait = null;
            }
        }
        // Now and then forget clients whose hour has passed, so the table does not grow without end.
        if (Interlocked.Increment(ref calls) % 1000 == 0) Sweep(now);
        return wait;
    }

    void Sweep(DateTimeOffset now)
    {
        foreach (var (client, times) in sent)
            lock (times)
                if (times.Count == 0 || times.Last() <= now - Window) sent.TryRemove(client, out _);
    }
}
