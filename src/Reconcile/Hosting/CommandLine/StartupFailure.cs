using Microsoft.Extensions.Options;

namespace Reconcile.Hosting.CommandLine;

/// <summary>Turns a failed start-up validation into one line per problem and exit code 2.</summary>
public static class StartupFailure
{
    public const int ConfigurationExitCode = 2;

    public static IReadOnlyList<string> ConfigurationProblems(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var lines = new List<string>();
        Collect(exception, lines);
        return lines;
    }

    public static int Report(Exception exception)
    {
        var problems = ConfigurationProblems(exception);
        Terminal.Error.WriteLine($"Reconcile cannot start: the configuration has {problems.Count} problem(s).");
        foreach (var problem in problems)
        {
            Terminal.Error.WriteLine($"  config error: {problem}");
        }

        return ConfigurationExitCode;
    }

    public static bool IsConfigurationFailure(Exception exception) => exception switch
    {
        OptionsValidationException => true,
        AggregateException a => a.InnerExceptions.All(IsConfigurationFailure),
        _ => false,
    };

    private static void Collect(Exception exception, List<string> lines)
    {
        switch (exception)
        {
            case OptionsValidationException o:
                lines.AddRange(o.Failures.Select(Clean));
                break;
            case AggregateException a:
                foreach (var inner in a.InnerExceptions)
                {
                    Collect(inner, lines);
                }

                break;
            default:
                lines.Add(exception.Message);
                break;
        }
    }

    // DataAnnotations failures read "DataAnnotation validation failed for 'DatabaseOptions' members: 'X' with the error: '…'".
    private static string Clean(string failure) => failure.Replace("DataAnnotation validation failed for ", "", StringComparison.Ordinal);
}
