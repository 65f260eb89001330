using Mesh.Engine.Model;

namespace Mesh.Engine.Resolution;

/// <summary>
/// Pairs requests on parameters injected by name with the client fixtures they receive, found the way pytest finds a
/// fixture: in the test's own module, then in <c>conftest.py</c> of its folder and of each folder above; else the repo's
/// only fixture of that name (imported into the module, or from a plugin). A fixture built on another one provides that
/// one's client. The calls become test call sites; a call whose parameter is no client fixture is dropped.
/// </summary>
public static class ClientFixtures
{
    private const int MaxChain = 8;

    public static IEnumerable<(string File, CallSiteFact Fact)> Resolve(
        IReadOnlyList<(string File, ClientFixtureFact Fact)> fixtures, IReadOnlyList<(string File, FixtureCallFact Fact)> calls)
    {
        if (calls.Count == 0) yield break;
        var byName = fixtures.GroupBy(f => f.Fact.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (file, call) in calls)
            if (Client(byName, call.Fixture, file, 0) is { Client: { } client } fixture)
                yield return (file, call.Call with { Client = client, BaseHint = call.Call.BaseHint ?? fixture.BaseHint, Test = true });
    }

    private static ClientFixtureFact? Client(Dictionary<string, List<(string File, ClientFixtureFact Fact)>> byName, string name, string file, int depth)
    {
        if (depth > MaxChain || Visible(byName, name, file) is not { } visible) return null;
        if (visible.Fact.Client is not null) return visible.Fact;
        return visible.Fact.From is { } from && from != name ? Client(byName, from, visible.File, depth + 1) : null;
    }

    private static (string File, ClientFixtureFact Fact)? Visible(Dictionary<string, List<(string File, ClientFixtureFact Fact)>> byName, string name, string file)
    {
        if (!byName.TryGetValue(name, out var candidates)) return null;
        // A later definition in the same module replaces an earlier one, as in Python.
        if (candidates.LastOrDefault(c => c.File == file) is { Fact: not null } own) return own;
        for (var directory = Folder(file); ; directory = Folder(directory))
        {
            var conftest = directory.Length == 0 ? "conftest.py" : directory + "/conftest.py";
            if (candidates.LastOrDefault(c => c.File == conftest) is { Fact: not null } shared) return shared;
            if (directory.Length == 0) break;
        }
        return candidates.Select(c => c.File).Distinct(StringComparer.Ordinal).Count() == 1 ? candidates[^1] : null;
    }

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }
}
