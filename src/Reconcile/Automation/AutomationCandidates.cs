using Reconcile.Data.Entities;
using Reconcile.Topology;

namespace Reconcile.Automation;

/// <summary>Which exceptions automation considers, in one place so the run's hold and the job agree.</summary>
public static class AutomationCandidates
{
    /// <summary>
    /// The new exceptions Live automation holds back from paging: those matching a rule, the first
    /// <see cref="AutomationOptions.MaxPerRun"/> by id. Whatever it then does not try, it pages itself.
    /// </summary>
    public static IReadOnlySet<long> Held(IEnumerable<ExceptionEntity> opened, AutomationOptions options)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(options);
        return opened.Where(e => RuleFor(e, options) is not null).OrderBy(e => e.Id).Take(options.MaxPerRun).Select(e => e.Id).ToHashSet();
    }

    public static AutomationRuleOptions? RuleFor(ExceptionEntity exception, AutomationOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(options);
        return options.Match(exception.Type, exception.System, exception.Attribute, exception.ValueAtRisk);
    }
}
