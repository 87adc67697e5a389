using System.Reflection;
using Xunit.Sdk;

[assembly: Reconcile.Tests.Infrastructure.HostStarts]

namespace Reconcile.Tests.Infrastructure;

/// <summary>
/// Counts the hosts the suite starts. When RECONCILE_TEST_HOST_LOG names a file, every host start appends one line to it:
/// the test running (its class and method; for a host started in a test class's constructor or a fixture, the first
/// test type on the stack, with "(constructor or fixture)") and the factory's type.
/// <c>wc -l</c> on the file is the number of hosts one run built; <c>cut -f1 | sort | uniq -c</c> gives them per test.
/// The figure depends only on the tests, not on the machine's load.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class HostStarts : BeforeAfterTestAttribute
{
    private static readonly AsyncLocal<string?> CurrentTest = new();
    private static readonly Lock Gate = new();

    /// <summary>Remembers the test about to run, for the hosts it starts (xunit calls this on the test's own flow).</summary>
    public override void Before(MethodInfo methodUnderTest)
    {
        ArgumentNullException.ThrowIfNull(methodUnderTest);
        CurrentTest.Value = $"{methodUnderTest.DeclaringType?.FullName}.{methodUnderTest.Name}";
    }

    /// <summary>Forgets the test that ran.</summary>
    public override void After(MethodInfo methodUnderTest) => CurrentTest.Value = null;

    /// <summary>Appends one line for a host of type <paramref name="factory"/> starting now (a no-op without the variable).</summary>
    public static void Record(Type factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var path = Environment.GetEnvironmentVariable("RECONCILE_TEST_HOST_LOG");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        lock (Gate)
        {
            File.AppendAllText(path, $"{CurrentTest.Value ?? Starter()}\t{factory.Name}{Environment.NewLine}");
        }
    }

    // Outside a test's flow (a constructor, a class or collection fixture) the stack is still synchronous down to the type
    // that asked for the host.
    private static string Starter()
    {
        var starter = new System.Diagnostics.StackTrace().GetFrames()
            .Select(f => f.GetMethod()?.DeclaringType)
            .Select(t => t?.DeclaringType is not null && t.Name.Contains('<', StringComparison.Ordinal) ? t.DeclaringType : t)
            .FirstOrDefault(t => t?.Namespace?.StartsWith("Reconcile.Tests", StringComparison.Ordinal) == true
                && t.Namespace != typeof(HostStarts).Namespace);
        return $"{starter?.FullName ?? "?"} (constructor or fixture)";
    }
}
