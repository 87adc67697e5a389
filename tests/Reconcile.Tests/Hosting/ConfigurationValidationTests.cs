using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Hosting;

/// <summary>A bad configuration stops the real binary with a non-zero exit and one line per problem naming the key.</summary>
public sealed class ConfigurationValidationTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    private Dictionary<string, string> Environment(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(_directory, "config.db")}",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return environment;
    }

    [Theory]
    [InlineData("Flows__promo-to-billing__Owner", "nobody", "Flows:promo-to-billing:Owner: 'nobody' is not a configured owner")]
    [InlineData("Flows__promo-to-billing__Targets__1", "erp", "Flows:promo-to-billing:Targets:1: 'erp' is not a configured system")]
    [InlineData("Flows__promo-to-billing__Source", "warehouse", "Flows:promo-to-billing:Source: 'warehouse' is not a configured system")]
    [InlineData("Flows__promo-to-billing__Schedule", "every minute", "Flows:promo-to-billing:Schedule: 'every minute' is not a valid Quartz cron expression")]
    [InlineData("Flows__promo-to-billing__Compare__0", "colour", "Flows:promo-to-billing:Compare:0: 'colour' is not a comparable attribute")]
    [InlineData("Flows__promo-to-billing__Mode", "Loud", "Flows:promo-to-billing:Mode: 'Loud' is not a mode")]
    [InlineData("Systems__crm__Owner", "ghost", "Systems:crm:Owner: 'ghost' is not a configured owner")]
    [InlineData("Owners__crm-owner__EscalateTo", "cfo", "Owners:crm-owner:EscalateTo: 'cfo' is not a configured owner")]
    [InlineData("Slack__BotToken", "xoxb-1-2-3", "Slack:SigningSecret: required when Slack:BotToken is set")]
    [InlineData("Slack__DigestSchedule", "mondays", "Slack:DigestSchedule: 'mondays' is not a valid Quartz cron expression")]
    [InlineData("Calendar__TimeZone", "Mars/Olympus", "Calendar:TimeZone: 'Mars/Olympus' is not a known time zone")]
    [InlineData("Calendar__WorkHours", "9 to 5", "Calendar:WorkHours: '9 to 5' is not a range like 09:00-17:00")]
    [InlineData("Database__Provider", "Oracle", "Database:Provider: 'Oracle' is not a provider")]
    public async Task A_bad_key_stops_start_up_with_a_line_naming_it(string variable, string value, string expectedLine)
    {
        var result = await ReconcileProcess.RunAsync(_directory, Environment((variable, value)), "migrate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expectedLine, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "config.db")), "nothing may be migrated from a bad configuration");
    }

    [Fact]
    public async Task Every_problem_gets_its_own_line_when_several_keys_are_bad()
    {
        var result = await ReconcileProcess.RunAsync(_directory, Environment(
            ("Flows__promo-to-billing__Owner", "nobody"),
            ("Systems__billing__Owner", "ghost"),
            ("Slack__BotToken", "xoxb-1-2-3")), "migrate");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n').Where(l => l.Contains("config error:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, l => l.Contains("Flows:promo-to-billing:Owner", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Systems:billing:Owner", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Slack:SigningSecret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serving_with_a_bad_configuration_exits_before_listening()
    {
        var result = await ReconcileProcess.RunAsync(_directory, Environment(("Systems__crm__Owner", "ghost"), ("ASPNETCORE_URLS", "http://127.0.0.1:0")));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Systems:crm:Owner", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_file_named_by_RECONCILE_CONFIG_overrides_appsettings_and_the_environment_overrides_the_file()
    {
        var file = Path.Combine(_directory, "override.json");
        await TestConfiguration.WriteSampleWithAsync(file, sample => sample["Systems"]!["crm"]!["Owner"] = "from-file");

        var fromFile = await ReconcileProcess.RunAsync(_directory, Environment(("RECONCILE_CONFIG", file)), "migrate");
        Assert.Equal(2, fromFile.ExitCode);
        Assert.Contains("Systems:crm:Owner: 'from-file' is not a configured owner", fromFile.Error, StringComparison.Ordinal);

        var fromEnvironment = await ReconcileProcess.RunAsync(_directory, Environment(("RECONCILE_CONFIG", file), ("Systems__crm__Owner", "crm-owner")), "migrate");
        Assert.Equal(0, fromEnvironment.ExitCode);
    }

    [Fact]
    public async Task A_missing_RECONCILE_CONFIG_file_is_reported_by_name()
    {
        var missing = Path.Combine(_directory, "nope.json");
        var result = await ReconcileProcess.RunAsync(_directory, Environment(("RECONCILE_CONFIG", missing)), "migrate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("RECONCILE_CONFIG", result.Error, StringComparison.Ordinal);
        Assert.Contains("nope.json", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => TestDirectory.TryDelete(_directory);
}
