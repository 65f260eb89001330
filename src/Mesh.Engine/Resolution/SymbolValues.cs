using System.Text;
using Mesh.Engine.Extraction;
using Mesh.Engine.Model;

namespace Mesh.Engine.Resolution;

/// <summary>
/// Fills in the <see cref="SymbolReference"/> markers of a repo's facts from the values its files declare
/// (<see cref="ValueFact"/>): follows imports and re-exports, instances to their classes, classes to their bases,
/// functions to what they return, at any depth. A marker whose value is not found becomes the hole <c>{name}</c>, and
/// what it would have meant then is kept: a route partly unknown, a URL starting with an unknown value, a config hint.
/// </summary>
public sealed class SymbolValues
{
    private const int MaxDepth = 16;
    private readonly Dictionary<string, Dictionary<string, List<ValueFact>>> _byFile = new(StringComparer.Ordinal);
    private readonly ScopeNames _scopes;
    private readonly Dictionary<(string File, string Reference), (ValueFact Fact, string File)?> _found = [];

    public SymbolValues(IEnumerable<(string File, IReadOnlyList<ValueFact> Values)> files, ScopeNames scopes)
    {
        _scopes = scopes;
        foreach (var (file, values) in files)
        {
            if (values.Count == 0) continue;
            var names = _byFile.TryGetValue(file, out var known) ? known : _byFile[file] = new(StringComparer.Ordinal);
            foreach (var value in values)
                (names.TryGetValue(value.Name, out var list) ? list : names[value.Name] = []).Add(value);
        }
    }

    /// <summary>A text with its markers replaced; <paramref name="unresolved"/> are those that found no value, in order.</summary>
    public string Fill(string text, string file, out List<(SymbolReference Reference, int Index)> unresolved) => Fill(text, file, 0, out unresolved);

    private string Fill(string text, string file, int depth, out List<(SymbolReference Reference, int Index)> unresolved)
    {
        unresolved = [];
        if (!SymbolReference.HasAny(text)) return text;
        var builder = new StringBuilder(text.Length);
        var last = 0;
        foreach (var (reference, index, length) in SymbolReference.All(text))
        {
            builder.Append(text, last, index - last);
            last = index + length;
            if (depth < MaxDepth && Find(reference.Reference, file, depth) is { Fact.Text: { } value } found)
            {
                var start = builder.Length;
                builder.Append(Fill(value, found.File, depth + 1, out var inner));
                unresolved.AddRange(inner.Select(u => (u.Reference, start + u.Index)));
            }
            else
            {
                unresolved.Add((reference, builder.Length));
                builder.Append('{').Append(reference.Name).Append('}');
            }
        }
        builder.Append(text, last, text.Length - last);
        return builder.ToString();
    }

    /// <summary>The facts of one file with their markers filled in, and the parameters that are injected dependencies dropped.</summary>
    public FileFacts Apply(string file, FileFacts facts)
    {
        if (_byFile.Count == 0) return facts;
        return facts with
        {
            Endpoints = facts.Endpoints.Select(e => Endpoint(e, file)).ToList(),
            Mounts = facts.Mounts.Select(m => SymbolReference.HasAny(m.Prefix) ? m with { Prefix = Route(Fill(m.Prefix, file, out _)) } : m).ToList(),
            CallSites = facts.CallSites.Select(c => Call(c, file)).ToList(),
            FixtureCalls = facts.FixtureCalls.Select(c => c with { Call = Call(c.Call, file) }).ToList(),
            Wrappers = facts.Wrappers.Select(w => w.UrlPrefix is { } prefix && SymbolReference.HasAny(prefix) ? w with { UrlPrefix = Fill(prefix, file, out _) } : w).ToList(),
            CallCandidates = facts.CallCandidates.Select(c => c.Arguments.Any(SymbolReference.HasAny)
                ? c with { Arguments = c.Arguments.Select(a => a is null ? null : Fill(a, file, out var missing) is var filled && missing.Any(m => m.Index == 0) ? null : filled).ToList() }
                : c).ToList(),
            ClientFixtures = facts.ClientFixtures.Select(f => f with { BaseHint = Hint(f.BaseHint, file) }).ToList(),
        };
    }

    private EndpointFact Endpoint(EndpointFact endpoint, string file)
    {
        if (SymbolReference.HasAny(endpoint.Path))
        {
            endpoint = endpoint with { Path = Route(Fill(endpoint.Path, file, out var missing)) };
            if (missing.Count > 0)
                endpoint = endpoint with
                {
                    Note = endpoint.Note ?? $"route partly unknown: no value found for '{missing[0].Reference.Name}'",
                    Confidence = Math.Min(endpoint.Confidence ?? 1, 0.5),
                };
        }
        return endpoint.Framework == "fastapi" ? InjectedParameters.Drop(endpoint, name => IsInjected(name, file)) : endpoint;
    }

    /// <summary>A route joined around a marker (<c>{prefix}/items</c>) whose value starts or ends with '/' has one slash there, not two.</summary>
    private static string Route(string path)
    {
        while (path.Contains("//", StringComparison.Ordinal)) path = path.Replace("//", "/", StringComparison.Ordinal);
        return path;
    }

    private CallSiteFact Call(CallSiteFact call, string file)
    {
        var hint = Hint(call.BaseHint, file);
        if (!SymbolReference.HasAny(call.Url)) return hint == call.BaseHint ? call : call with { BaseHint = hint };
        var url = Fill(call.Url, file, out var missing);
        if (missing.FirstOrDefault(m => m.Index == 0) is not { Reference: { } leading })
            return call with { Url = url, BaseHint = hint };
        // As the extractor reads an unknown value at the start: a settings hint, else a URL that cannot be matched.
        return leading.Hint is { } fallback
            ? call with { Url = url, BaseHint = fallback }
            : call with { Url = url, BaseHint = hint, Unresolved = call.Unresolved ?? $"unknown variable '{leading.Name}'" };
    }

    /// <summary>A base hint that is a marker: the value found, else the marker's own hint.</summary>
    private string? Hint(string? hint, string file)
    {
        if (!SymbolReference.HasAny(hint)) return hint;
        var filled = Fill(hint!, file, out var missing);
        return missing.FirstOrDefault(m => m.Index == 0) is { Reference: { } leading } ? leading.Hint : filled;
    }

    /// <summary>True when a name, as <paramref name="file"/> sees it, is a dependency-injection marker.</summary>
    public bool IsInjected(string name, string file) => Find("@" + name, file, 0) is { Fact.Injected: true };

    /// <summary>The value fact a reference ends at (one with a text, or a dependency marker), and the file declaring it.</summary>
    private (ValueFact Fact, string File)? Find(string reference, string file, int depth)
    {
        if (_found.TryGetValue((file, reference), out var cached)) return cached;
        var result = depth < MaxDepth ? FindUncached(reference, file, depth) : null;
        _found[(file, reference)] = result;
        return result;
    }

    private (ValueFact Fact, string File)? FindUncached(string reference, string file, int depth)
    {
        _found[(file, reference)] = null; // a cycle of aliases ends here
        var canonical = _scopes.Canonical(reference, file)!;
        var at = canonical.LastIndexOf('@');
        if (!canonical.StartsWith("py:", StringComparison.Ordinal) && at >= 0 && Lookup(canonical[..at], canonical[(at + 1)..], depth) is { } found) return found;
        return reference.StartsWith("py:", StringComparison.Ordinal) ? InModule(reference[3..], file, depth) : null;
    }

    /// <summary>
    /// <c>module@a.b.c</c> where the module named no file as written: <c>a</c> may be a submodule (<c>from app.core
    /// import config</c>, <c>import app.core.config</c>), so the name's leading parts are tried as module path too.
    /// </summary>
    private (ValueFact Fact, string File)? InModule(string moduleAndName, string file, int depth)
    {
        var at = moduleAndName.LastIndexOf('@');
        if (at < 0) return null;
        var module = moduleAndName[..at];
        var parts = moduleAndName[(at + 1)..].Split('.');
        for (var i = 1; i < parts.Length; i++)
        {
            var candidate = $"py:{(module.EndsWith('.') ? module : module + ".")}{string.Join('.', parts[..i])}@{string.Join('.', parts[i..])}";
            var canonical = _scopes.Canonical(candidate, file)!;
            if (canonical.StartsWith("py:", StringComparison.Ordinal)) continue;
            var split = canonical.LastIndexOf('@');
            if (Lookup(canonical[..split], canonical[(split + 1)..], depth) is { } found) return found;
        }
        return null;
    }

    /// <summary>A dotted name in a file: declared as such, or reached through an alias of a leading part (an import, an instance, a base).</summary>
    private (ValueFact Fact, string File)? Lookup(string file, string dotted, int depth)
    {
        if (!_byFile.TryGetValue(file, out var names)) return null;
        if (names.TryGetValue(dotted, out var exact))
        {
            foreach (var fact in exact)
                if (fact.Text is not null || fact.Injected) return (fact, file);
            foreach (var fact in exact)
                if (fact.Alias is { } alias && Find(alias, file, depth + 1) is { } found) return found;
        }
        // Calling a class makes an instance whose attributes are the class's.
        if (dotted.EndsWith("()", StringComparison.Ordinal) && !names.ContainsKey(dotted)) return Lookup(file, dotted[..^2], depth + 1);
        for (var dot = dotted.LastIndexOf('.'); dot > 0; dot = dotted.LastIndexOf('.', dot - 1))
        {
            var head = dotted[..dot];
            var rest = dotted[(dot + 1)..];
            if (head.EndsWith("()", StringComparison.Ordinal) && !names.ContainsKey(head))
                return Lookup(file, head[..^2] + "." + rest, depth + 1);
            if (!names.TryGetValue(head, out var heads)) continue;
            foreach (var fact in heads)
                if (fact.Alias is { } alias && Find(alias.EndsWith('@') ? alias + rest : alias + "." + rest, file, depth + 1) is { } found) return found;
        }
        if (names.TryGetValue("*", out var stars))
            foreach (var star in stars)
                if (star.Alias is { } module && Find(module + dotted, file, depth + 1) is { } found) return found;
        return null;
    }
}
