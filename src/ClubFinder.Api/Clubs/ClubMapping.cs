using System.Text.Json;
using ClubFinder.Api.Schedules;

namespace ClubFinder.Api.Clubs;

public static class ClubMapping
{
    public static string AddressLabel(string? street, string? houseNumber, string? postcode)
    {
        var line = string.Join(' ', new[] { street, houseNumber }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var city = string.Join(' ', new[] { postcode, "Kraków" }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return line.Length == 0 ? city : $"{line}, {city}";
    }

    sealed class Memo(DateTime minute, ClubSummary summary)
    {
        public DateTime Minute => minute;
        public ClubSummary Summary => summary;
        /// <summary>The summary as a GeoJSON feature (open data export), serialised when first asked for.</summary>
        public byte[]? Feature;
        /// <summary>The map layer's smaller feature, serialised when first asked for.</summary>
        public byte[]? MapFeature;
        /// <summary>The summary as the API writes it, serialised when first asked for.</summary>
        public byte[]? Json;
    }

    /// <summary>
    /// The club's summary as of the minute <paramref name="now"/> falls in (sessions start and end on whole
    /// minutes, so "open now" and the next opening cannot change within one). Kept per club for that
    /// minute: the next opening looks up to 92 days ahead, and nearest, map views and lists ask for
    /// the same clubs again and again.
    /// </summary>
    public static ClubSummary ToSummary(this DirectoryClub entry, DateTime now) => MemoOf(entry, now).Summary;

    /// <summary>The club as a GeoJSON feature of that minute with the whole summary, serialised once (the open data export).</summary>
    public static byte[] ToFeatureJson(this DirectoryClub entry, DateTime now)
    {
        var memo = MemoOf(entry, now);
        return Volatile.Read(ref memo.Feature) ?? (memo.Feature = ClubGeoJson.Feature(memo.Summary));
    }

    /// <summary>The club as a map layer's feature of that minute, serialised once: a map view is a run of these.</summary>
    public static byte[] ToMapFeatureJson(this DirectoryClub entry, DateTime now)
    {
        var memo = MemoOf(entry, now);
        return Volatile.Read(ref memo.MapFeature) ?? (memo.MapFeature = ClubGeoJson.MapFeature(memo.Summary));
    }

    /// <summary>The summary of that minute as the API writes it (UTF-8 JSON), serialised once: nearest answers are runs of these.</summary>
    public static byte[] ToSummaryJson(this DirectoryClub entry, DateTime now, JsonSerializerOptions json)
    {
        var memo = MemoOf(entry, now);
        return Volatile.Read(ref memo.Json) ?? (memo.Json = JsonSerializer.SerializeToUtf8Bytes(memo.Summary, json));
    }

    /// <summary>The start of the minute: what a summary says can change only from one minute to the next.</summary>
    public static DateTime MinuteOf(DateTime now) => new(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, now.Kind);

    static Memo MemoOf(DirectoryClub entry, DateTime now)
    {
        var minute = MinuteOf(now);
        if (Volatile.Read(ref entry.SummaryMemo) is Memo memo && memo.Minute == minute) return memo;
        var fresh = new Memo(minute, Summarize(entry, minute));
        Volatile.Write(ref entry.SummaryMemo, fresh);
        return fresh;
    }

    static ClubSummary Summarize(DirectoryClub entry, DateTime now)
    {
        var club = entry.Club;
        return new ClubSummary
        {
            Slug = club.Slug,
            Name = club.Name,
            Operator = new OperatorInfo(club.Organization.Slug, club.Organization.Name, club.Organization.Type),
            Address = new AddressInfo(club.Street, club.HouseNumber, club.Postcode, AddressLabel(club.Street, club.HouseNumber, club.Postcode)),
            District = entry.District,
            // Six decimals are about 0.1 m: more would only pretend to a precision no source has.
            Location = new LocationInfo(Math.Round(entry.Lat, 6), Math.Round(entry.Lon, 6), club.LocationPrecision ?? LocationPrecision.Area),
            SpecialNeeds = club.SpecialNeeds,
            Status = club.Status,
            OpenNow = ClubSchedule.IsOpenAt(club, now),
            NextOpening = ClubSchedule.NextOpening(club, now),
            LastVerifiedAt = club.LastVerifiedAt,
        };
    }

    public static ClubDetails ToDetails(this DirectoryClub entry, DateTime now)
    {
        var club = entry.Club;
        var today = DateOnly.FromDateTime(now);
        return new ClubDetails(entry.ToSummary(now))
        {
            Contacts = new Contacts(club.Phone, club.Email, club.Website),
            Description = club.Description,
            Fee = club.Fee,
            RegistrationRequired = club.RegistrationRequired,
            Languages = club.Languages,
            OpeningHoursText = club.OpeningHoursText,
            ParentNote = club.ParentNote,
            Season = new Season(club.ValidFrom, club.ValidTo),
            Sessions = club.Sessions.OrderBy(s => s.Weekday).ThenBy(s => s.StartsAt)
                .Select(s => new SessionInfo(s.Weekday, s.StartsAt.ToString("HH:mm"), s.EndsAt?.ToString("HH:mm"), s.Title, s.Audience,
                    s.RegistrationRequired, s.ValidFrom, s.ValidTo))
                .ToList(),
            Closures = club.Closures.Where(c => c.ToDate >= today).OrderBy(c => c.FromDate)
                .Select(c => new ClosureInfo(c.FromDate, c.ToDate, c.Reason)).ToList(),
            SourceUrl = club.SourceUrl,
            Sources = club.Sources.Select(s => new SourceInfo(s.Url, s.Date, s.Supports)).ToList(),
        };
    }
}
