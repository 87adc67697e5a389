
namespace Reconcile.Topology;

internal static class OwnerChecks
{
    public static void Validate(Dictionary<string, OwnerOptions> owners, List<string> failures)
    {
        foreach (var (ownerName, owner) in owners)
        {
            var key = $"{TopologyOptions.OwnersSection}:{ownerName}";
            if (string.IsNullOrWhiteSpace(owner.Channel))
            {
                failures.Add($"{key}:Channel: required (the Slack channel id exceptions are posted to)");
            }

            if (owner.Members.Count == 0 && string.IsNullOrWhiteSpace(owner.UserGroup))
            {
                failures.Add($"{key}:Members: give Members or a UserGroup, or nobody can act on this owner's exceptions");
            }

            if (owner.SlaBusinessHours <= 0)
            {
                failures.Add($"{key}:SlaBusinessHours: must be greater than 0");
            }

            if (owner.EscalateTo is { Length: > 0 } target)
            {
                if (!owners.ContainsKey(target))
                {
                    failures.Add($"{key}:EscalateTo: '{target}' is not a configured owner{TopologyOptionsValidator.Known(owners.Keys)}");
                }
                else if (LoopsBack(owners, ownerName))
                {
                    failures.Add($"{key}:EscalateTo: the escalation chain from '{ownerName}' loops back on itself");
                }
            }
        }
    }

    private static bool LoopsBack(Dictionary<string, OwnerOptions> owners, string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var current = owners[start].EscalateTo;
        while (!string.IsNullOrEmpty(current) && owners.TryGetValue(current, out var next))
        {
            if (!seen.Add(current))
            {
                return true;
            }

            current = next.EscalateTo;
        }

        return false;
    }
}
