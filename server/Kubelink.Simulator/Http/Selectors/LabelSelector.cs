using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Http.Selectors;

/// <summary>
/// The label selector language of <c>?labelSelector=</c>: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
/// <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> (exists) and <c>!k</c> (does not exist), comma-joined.
/// </summary>
internal static class LabelSelector
{
    public static Func<StoredObject, bool>? Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return null;
        }
        var requirements = Split(selector).Select(ParseRequirement).ToList();
        return obj => requirements.All(r => r(obj));
    }

    private static Func<StoredObject, bool> ParseRequirement(string text)
    {
        var term = text.Trim();
        if (term.StartsWith('!'))
        {
            var key = Key(term[1..]);
            return obj => obj.Label(key) is null;
        }
        foreach (var (op, negate) in new[] { (" notin ", true), (" in ", false) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = Key(term[..at]);
                var set = term[(at + op.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    throw Bad(text, "set must be enclosed in parentheses");
                }
                var values = set[1..^1].Split(',').Select(v => v.Trim()).ToHashSet();
                return negate
                    ? obj => obj.Label(key) is not { } value || !values.Contains(value)
                    : obj => obj.Label(key) is { } value && values.Contains(value);
            }
        }
        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = Key(term[..at]);
                var expected = term[(at + op.Length)..].Trim();
                return negate ? obj => obj.Label(key) != expected : obj => obj.Label(key) == expected;
            }
        }
        var exists = Key(term);
        return obj => obj.Label(exists) is not null;
    }

    private static string Key(string key)
    {
        var trimmed = key.Trim();
        if (trimmed.Length == 0 || trimmed.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '!' or '='))
        {
            throw Bad(key, "invalid label key");
        }
        return trimmed;
    }

    // Commas split requirements except inside the parentheses of a set.
    private static IEnumerable<string> Split(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }
        yield return selector[start..];
    }

    private static ApiException Bad(string text, string why) =>
        ApiException.BadRequest($"unable to parse requirement: {why}: \"{text.Trim()}\"");
}
