// Expected texts are those of Sprig 3.2.3 under Go 1.19 (the oracle's versions).
using System.Text.RegularExpressions;
using GitOpsHQ.GoTemplate.Functions.Sprig;

namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's date functions: Go's time values, layouts, zones and durations.</summary>
public class SprigDateTests
{
    private static readonly SprigOptions Deterministic = new() { Deterministic = true };

    /// <summary>A clock stopped at one instant, in a chosen local zone.</summary>
    private sealed class StoppedClock(DateTimeOffset now, string zone) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById(zone);
    }

    private static SprigOptions At(DateTimeOffset now, string zone = "UTC") => new() { TimeProvider = new StoppedClock(now, zone) };

    private static string Render(string template) => SprigEngine.Render(template, Deterministic);

    [Theory]
    [InlineData("{{ now }}", "2024-01-01 00:00:00 +0000 UTC")]
    [InlineData("{{ printf \"%T\" now }} {{ now.Location }}", "time.Time UTC")]
    [InlineData("{{ now | date \"2006-01-02 15:04:05.000 MST\" }}", "2024-01-01 00:00:00.000 UTC")]
    [InlineData("{{ now.Format \"Mon Jan _2 15:04:05 2006\" }} {{ now.Unix }} {{ now.Year }} {{ now.Month }} {{ now.Weekday }} {{ now.YearDay }}", "Mon Jan  1 00:00:00 2024 1704067200 2024 January Monday 1")]
    [InlineData("{{ htmlDate now }} {{ htmlDateInZone now \"Asia/Tokyo\" }} {{ now | unixEpoch }}", "2024-01-01 2024-01-01 1704067200")]
    [InlineData("{{ dateInZone \"2006-01-02 15:04:05 -07:00 MST\" now \"America/New_York\" }}", "2023-12-31 19:00:00 -05:00 EST")]
    [InlineData("{{ date_in_zone \"Jan 2 3:04PM Z07\" (toDate \"2006-01-02\" \"2023-07-01\") \"Europe/Paris\" }}", "Jul 1 2:00AM +02")]
    [InlineData("{{ dateInZone \"15:04 -07:00 MST\" now \"Asia/Tehran\" }} {{ dateInZone \"15:04 MST\" now \"Australia/Lord_Howe\" }}", "03:30 +03:30 +0330 11:00 +11")]
    [InlineData("{{ dateInZone \"15:04 MST\" now \"Nope/Nowhere\" }} {{ dateInZone \"15:04 MST\" now \"\" }} {{ dateInZone \"15:04 MST\" now \"Local\" }}", "00:00 UTC 00:00 UTC 00:00 UTC")]
    public void Deterministic_now_and_formatting(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ toDate \"2006-01-02T15:04:05Z07:00\" \"2023-06-15T13:45:30.123456789+02:00\" }}", "2023-06-15 13:45:30.123456789 +0200 +0200")]
    [InlineData("{{ (toDate \"2006-01-02T15:04:05Z07:00\" \"2023-06-15T13:45:30.123456789+02:00\").UTC }}", "2023-06-15 11:45:30.123456789 +0000 UTC")]
    [InlineData("{{ (toDate \"2006-01-02\" \"2024-02-29\").Format \"Monday, 02-Jan-06 03:04:05.999 PM -0700 (002 __2)\" }}", "Thursday, 29-Feb-24 12:00:00 AM +0000 (060  60)")]
    [InlineData("{{ toDate \"2006-01-02\" \"2023-02-30\" }} | {{ toDate \"2006-01-02\" \"nonsense\" }}", "0001-01-01 00:00:00 +0000 UTC | 0001-01-01 00:00:00 +0000 UTC")]
    [InlineData("{{ (toDate \"3:04PM\" \"11:59PM\").Format \"15:04 pm\" }} {{ toDate \"Jan 2 2006 MST\" \"Mar 4 2021 CET\" }}", "23:59 pm 2021-03-04 00:00:00 +0000 CET")]
    [InlineData("{{ toDate \"2006-01-02 -0700\" \"2021-03-04 +0530\" }} {{ (toDate \"2006 MST\" \"2020 PDT\").Location }}", "2021-03-04 00:00:00 +0530 +0530 PDT")]
    [InlineData("{{ (toDate \"15:04:05.000\" \"10:31:45.500\").Round 60000000000 }} {{ (toDate \"15:04:05.000\" \"10:31:45.500\").Truncate 3600000000000 }}", "0000-01-01 10:32:00 +0000 UTC 0000-01-01 10:00:00 +0000 UTC")]
    public void Parsing(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ dateModify \"1h30m\" now }}", "2024-01-01 01:30:00 +0000 UTC")]
    [InlineData("{{ dateModify \"-2.5s\" now }} {{ date_modify \"1.5us\" now }}", "2023-12-31 23:59:57.5 +0000 UTC 2024-01-01 00:00:00.0000015 +0000 UTC")]
    [InlineData("{{ dateModify \"bogus\" now }}", "2024-01-01 00:00:00 +0000 UTC")]
    [InlineData("{{ durationRound \"90000h\" }} {{ durationRound \"1h1m1s\" }} {{ durationRound \"-2.5s\" }} {{ durationRound \"300ms\" }} {{ durationRound 1.5 }}", "10y 1h 2s 0s 0s")]
    [InlineData("{{ duration \"3600\" }} {{ duration \"-61\" }} {{ duration \"x\" }} {{ duration \"99999999999999999999\" }} {{ duration 90 }} {{ duration (now.Unix) }}", "1h0m0s -1m1s 0s -1s 0s 473352h0m0s")]
    [InlineData("{{ now.Sub (toDate \"2006-01-02\" \"2023-12-25\") }} {{ (now.Sub (toDate \"2006-01-02\" \"2023-12-25\")).Hours }} {{ now.Add 1500000000 }}", "168h0m0s 168 2024-01-01 00:00:01.5 +0000 UTC")]
    [InlineData("{{ now.AddDate 1 -13 40 }} {{ now.After (toDate \"2006\" \"2023\") }} {{ now.Equal (toDate \"2006\" \"2024\") }} {{ (toDate \"2006\" \"x\").IsZero }}", "2024-01-10 00:00:00 +0000 UTC true true true")]
    public void Durations_and_arithmetic(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ mustToDate \"2006-01-02\" \"2023-1-01\" }}", "parsing time \"2023-1-01\" as \"2006-01-02\": cannot parse \"1-01\" as \"01\"")]
    [InlineData("{{ mustToDate \"2006-01-02\" \"2023-01-01x\" }}", "parsing time \"2023-01-01x\": extra text: \"x\"")]
    [InlineData("{{ mustToDate \"2006-01-02 15:04:05\" \"2023-01-01 25:00:00\" }}", "parsing time \"2023-01-01 25:00:00\": hour out of range")]
    [InlineData("{{ mustToDate \"Jan 2006\" \"Foo 2006\" }}", "parsing time \"Foo 2006\" as \"Jan 2006\": cannot parse \"Foo 2006\" as \"Jan\"")]
    [InlineData("{{ mustToDate \"2006-01-02T15:04:05.000Z07:00\" \"2023-01-01T10:00:00.12Z\" }}", "parsing time \"2023-01-01T10:00:00.12Z\" as \"2006-01-02T15:04:05.000Z07:00\": cannot parse \"\" as \".000\"")]
    [InlineData("{{ mustToDate \"2006-002\" \"2023-366\" }}", "parsing time \"2023-366\": day-of-year out of range")]
    [InlineData("{{ mustDateModify \"3x\" now }}", "time: unknown unit \"x\" in duration \"3x\"")]
    [InlineData("{{ must_date_modify \"\" now }}", "time: invalid duration \"\"")]
    public void Must_forms_fail_with_gos_errors(string template, string expected) =>
        Assert.EndsWith(": " + expected, SprigEngine.CallError(template, Deterministic));

    [Theory]
    [InlineData("{{ eq now now }} {{ eq (now.Sub now) 0 }} {{ lt now.Month 3 }} {{ eq now (dateModify \"1s\" now) }}", "true true true false")]
    [InlineData("{{ if (now.Sub now) }}yes{{ else }}no{{ end }} {{ empty (now.Sub now) }} {{ printf \"%d %v %s\" now.Month now.Month now.Weekday }}", "no true 1 January Monday")]
    [InlineData("{{ (now.Sub (toDate \"2006\" \"2023\")).Round 7200000000000 }} {{ now.Add (now.Sub (toDate \"2006\" \"2023\")) }}", "8760h0m0s 2024-12-31 00:00:00 +0000 UTC")]
    public void Times_and_durations_as_values(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ now.Add \"1h\" }}", "expected integer; found \"1h\"")]
    [InlineData("{{ now.Add 1.5 }}", "expected integer; found 1.5")]
    [InlineData("{{ now.Add .s }}", "wrong type for value; expected time.Duration; got string")]
    [InlineData("{{ now.AddDate 1 }}", "wrong number of args for AddDate: want 3 got 1")]
    [InlineData("{{ now.Foo }}", "can't evaluate field Foo in type time.Time")]
    public void Time_methods_check_their_arguments_as_go_does(string template, string expected) =>
        Assert.Contains(expected, SprigEngine.Error(template, Deterministic));

    [Fact]
    public void Date_functions_check_their_time_parameters()
    {
        Assert.Contains("can't handle \"2024\" for arg of type time.Time", SprigEngine.Error("{{ dateModify \"1h\" \"2024\" }}", Deterministic));
        Assert.Contains("wrong type for value; expected time.Time; got string", SprigEngine.Error("{{ dateModify \"1h\" .s }}", Deterministic));
        Assert.Contains("wrong type for value; expected time.Time; got time.Duration", SprigEngine.Error("{{ unixEpoch (now.Sub now) }}", Deterministic));
    }

    /// <summary>
    /// The local zone gives offsets and abbreviations for parsing and formatting; a clock's zone is named by its id,
    /// as Go names a zone given by TZ (expected texts: the oracle under TZ=Europe/Paris).
    /// </summary>
    [Fact]
    public void The_local_zone_is_used_for_parsing_and_formatting()
    {
        var options = At(new DateTimeOffset(2024, 7, 1, 12, 0, 0, TimeSpan.Zero), "Europe/Paris");
        Assert.Equal(
            "2023-03-26 03:30:00 +0200 CEST | 2023-07-01 10:00:00 +0200 CEST | 2023-07-01 10:00:00 +0200 CEST | 2023-07-01 10:00:00 +0000 EST",
            SprigEngine.Render("{{ toDate \"2006-01-02 15:04\" \"2023-03-26 02:30\" }} | {{ toDate \"2006-01-02 15:04 MST\" \"2023-07-01 10:00 CEST\" }} | {{ toDate \"2006-01-02 15:04 -0700\" \"2023-07-01 10:00 +0200\" }} | {{ toDate \"2006-01-02 15:04 MST\" \"2023-07-01 10:00 EST\" }}", options));
        Assert.Equal("2023-07-01 00:00 CEST Europe/Paris UTC",
            SprigEngine.Render("{{ date \"2006-01-02 15:04 MST\" (toDate \"2006-01-02\" \"2023-07-01\") }} {{ (toDate \"2006-01-02\" \"2023-07-01\").Location }} {{ (toDate \"2006-01-02\" \"2023-07-01\").UTC.Location }}", options));
        Assert.Equal("2024-07-01 14:00:00 +0200 CEST", SprigEngine.Render("{{ now.Format \"2006-01-02 15:04:05 -0700 MST\" }}", options));
    }

    [Fact]
    public void The_real_now_reads_the_clock_and_carries_a_monotonic_reading()
    {
        var options = At(new DateTimeOffset(2030, 5, 6, 7, 8, 9, 123, TimeSpan.Zero));
        Assert.Matches(new Regex(@"^2030-05-06 07:08:09\.123 \+0000 UTC m=\+\d+\.\d{9}$"), SprigEngine.Render("{{ now }}", options));
        Assert.Equal("2030-05-06 07:08:09.123 +0000 UTC", SprigEngine.Render("{{ now.UTC }}", options));
        Assert.Equal("2h0m0s 2h 0s", SprigEngine.Render("{{ ago (toDate \"2006-01-02 15:04:05.000\" \"2030-05-06 05:08:09.123\") }} {{ durationRound (toDate \"2006-01-02 15:04\" \"2030-05-06 05:08\") }} {{ ago \"x\" }}", options));
    }
}
