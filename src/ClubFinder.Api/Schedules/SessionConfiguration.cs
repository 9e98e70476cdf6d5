using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClubFinder.Api.Schedules;

public class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> session)
    {
        session.HasIndex(s => new { s.ClubId, s.Weekday });
        session.ToTable(t =>
        {
            t.HasCheckConstraint("ck_sessions_weekday", "weekday BETWEEN 1 AND 7");
            t.HasCheckConstraint("ck_sessions_times", "ends_at IS NULL OR ends_at > starts_at");
        });
    }
}

public class ClosureConfiguration : IEntityTypeConfiguration<Closure>
{
    public void Configure(EntityTypeBuilder<Closure> closure)
    {
        closure.HasIndex(c => new { c.ClubId, c.FromDate });
        closure.ToTable(t => t.HasCheckConstraint("ck_closures_range", "from_date <= to_date"));
    }
}
