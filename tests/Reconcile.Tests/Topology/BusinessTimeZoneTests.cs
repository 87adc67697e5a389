using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reconcile.Engine.Calendar;
using Reconcile.Hosting.CommandLine;
using Reconcile.Reporting;
using Reconcile.Tests.Infrastructure;
using Reconcile.Topology;

namespace Reconcile.Tests.Topology;

/// <summary>
/// The business time zone is resolved in one place, and an unknown zone is a start-up error naming
/// Calendar:TimeZone (the real binary refusing it is covered by ConfigurationValidationTests).
/// </summary>
public sealed class BusinessTimeZoneTests
{
    [Fact]
    public void A_known_IANA_id_resolves_to_that_zone_and_no_id_means_UTC()
    {
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").Id, BusinessTimeZone.Resolve("Europe/Berlin").Id);
        Assert.Equal(TimeZoneInfo.Utc.Id, BusinessTimeZone.Resolve(null).Id);
    }

    [Fact]
    public void An_unknown_zone_is_a_configuration_error_naming_the_key_not_a_quiet_UTC()
    {
        var error = Assert.Throws<OptionsValidationException>(() => BusinessTimeZone.Resolve("Mars/Olympus"));

        Assert.True(StartupFailure.IsConfigurationFailure(error));
        var line = Assert.Single(StartupFailure.ConfigurationProblems(error));
        Assert.StartsWith("Calendar:TimeZone: 'Mars/Olympus' is not a known time zone", line, StringComparison.Ordinal);
        Assert.False(BusinessTimeZone.TryResolve("Mars/Olympus", out _));
    }

    [Fact]
    public void The_configured_zone_drives_both_the_SLA_calendar_and_the_digest_week()
    {
        using var factory = ReconcileFactory.With(new Dictionary<string, string?> { ["Calendar:TimeZone"] = "Europe/Berlin" });
        using var scope = factory.Services.CreateScope();
        var calendar = scope.ServiceProvider.GetRequiredService<BusinessCalendar>();

        // Monday 23 November 2026, Berlin is UTC+1: 08:30 UTC is 09:30 there (open), 16:30 UTC is 17:30 (closed).
        Assert.True(calendar.IsBusinessTime(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero)));
        Assert.False(calendar.IsBusinessTime(new DateTimeOffset(2026, 11, 23, 16, 30, 0, TimeSpan.Zero)));
        Assert.Equal("Europe/Berlin", scope.ServiceProvider.GetRequiredService<DigestQuery>().Zone.Id);
    }
}
