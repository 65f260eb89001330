using Mesh.Engine.Diff;
using Mesh.Engine.Model;
using Mesh.Engine.Queries;

namespace Mesh.Engine.Migration;

/// <summary>
/// Turns a change into what one consumer call must do: the edit in words, and the rewritten lines where the edit
/// is mechanical. Knows the operations at base and head, to tell a moved path from a removed one and a renamed
/// field from a dropped one.
/// </summary>
internal sealed class EditAdvice(IReadOnlyList<EndpointVersion> before, IReadOnlyList<EndpointVersion> after)
{
    private readonly IReadOnlyList<EndpointPair> _pairs = SurfaceDiffer.Match(before, after);

    public CallSiteEdit For(Change change, AffectedConsumer consumer, CodeExcerpt? code)
    {
        var advised = Advise(change, consumer, code);
        return advised is { Replacement: { } line, ReplacedLines: null } ? advised with { ReplacedLines = [new ReplacedLine(consumer.Line, line)] } : advised;
    }

    private CallSiteEdit Advise(Change change, AffectedConsumer consumer, CodeExcerpt? code)
    {
        var codeLine = CallLine(code, consumer.Line);
        var why = $"{change.Message} ({change.Rule}, {change.Level.Name()} for this call: {consumer.Evidence})";
        var edit = new CallSiteEdit(change.Id, change.Rule, consumer.Level, change.Location, change.Before, change.After, why, change.Message);
        if (change.Rule.StartsWith("api-removed", StringComparison.Ordinal) || change.Rule.StartsWith("api-path-removed", StringComparison.Ordinal))
            return Removed(change, consumer, codeLine, edit);
        if (change.Site is { } site && change.Rule.Contains("property-removed", StringComparison.Ordinal))
            return PropertyRemoved(change, site, consumer, code, edit);
        if (change.Rule.Contains("became-required", StringComparison.Ordinal) || change.Rule.StartsWith("new-required-", StringComparison.Ordinal))
            return NowRequired(change, consumer, codeLine, edit);
        if (change.Rule.Contains("type-changed", StringComparison.Ordinal) || change.Rule.Contains("type-specialized", StringComparison.Ordinal) || change.Rule.Contains("type-generalized", StringComparison.Ordinal))
            return edit with { Edit = $"Treat {change.Location} as {change.After} instead of {change.Before}: update the type this call {(change.Site?.Direction == Direction.Request ? "sends" : "reads")} and any parsing of the value." };
        if (change.Rule.Contains("enum-value-removed", StringComparison.Ordinal))
            return edit with { Edit = $"Stop relying on the enum value {change.Before} at {change.Location}: it is no longer valid." };
        if (change.Site?.Direction == Direction.Response && (change.Rule.Contains("enum-value-added", StringComparison.Ordinal) || change.Rule.Contains("became-nullable", StringComparison.Ordinal)))
            return edit with { Edit = $"Handle the new possible value at {change.Location} ({change.After ?? "null"}) where this call's result is read." };
        return edit with { Edit = $"{change.Message}. Adapt this call to the contract after the change." };
    }

    private CallSiteEdit Removed(Change change, AffectedConsumer consumer, string? codeLine, CallSiteEdit edit)
    {
        var removed = _pairs.FirstOrDefault(p => p.Removed && p.Base!.Endpoint.Id == change.EndpointId)?.Base;
        var moved = removed is null ? null : MovedTo(removed);
        if (moved is null)
            return edit with { Edit = $"{change.Method} {change.Path} no longer exists and has no evident successor: remove this call or move it to the endpoint the provider's owners name." };
        var newPath = moved.Endpoint.Path;
        var replacement = codeLine is null ? null : ReplaceLiteralPrefix(codeLine, consumer.Url, removed!.Endpoint.Path, newPath);
        return edit with
        {
            Edit = $"Call {moved.Endpoint.Method} {newPath} instead of {change.Method} {change.Path} (same operation, moved).",
            After = $"{moved.Endpoint.Method} {newPath}",
            Replacement = replacement,
        };
    }

    /// <summary>An added operation is the removed one moved when it keeps its operationId or handler, or is the only new one with the same method and last literal segment.</summary>
    private EndpointVersion? MovedTo(EndpointVersion removed)
    {
        var added = _pairs.Where(p => p.Added && p.Method == removed.Endpoint.Method).Select(p => p.Head!).ToList();
        var byIdentity = added.Where(a =>
            (removed.Fact.OperationId is { } id && a.Fact.OperationId == id) ||
            (removed.Fact.Handler is { } handler && a.Fact.Handler == handler)).ToList();
        if (byIdentity.Count == 1) return byIdentity[0];
        var tail = LastLiteral(removed.Endpoint.Path);
        var byTail = added.Where(a => tail is not null && LastLiteral(a.Endpoint.Path) == tail).ToList();
        return byTail.Count == 1 ? byTail[0] : null;
    }

    /// <summary>The call's line as quoted, unless the excerpt lacks it or clipped it (a clipped line cannot be written back).</summary>
    private static string? CallLine(CodeExcerpt? code, int line) =>
        code is not null && line - code.FirstLine is var i && i >= 0 && i < code.Lines.Count && !CodeExcerpts.IsClipped(code.Lines[i]) ? code.Lines[i] : null;

    private static string? LastLiteral(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(s => !s.Contains('{', StringComparison.Ordinal) && !s.StartsWith(':'));

    /// <summary>Replaces the literal start of the old route (up to its first parameter) with the new route's, where the line writes it.</summary>
    private static string? ReplaceLiteralPrefix(string line, string url, string oldPath, string newPath)
    {
        var oldPrefix = LiteralPrefix(oldPath);
        var newPrefix = LiteralPrefix(newPath);
        if (oldPrefix.Length < 2 || !url.Contains(oldPrefix, StringComparison.Ordinal)) return null;
        var index = line.IndexOf(oldPrefix, StringComparison.Ordinal);
        return index < 0 ? null : string.Concat(line.AsSpan(0, index), newPrefix, line.AsSpan(index + oldPrefix.Length));
    }

    private static string LiteralPrefix(string path)
    {
        var cut = path.IndexOf('{', StringComparison.Ordinal);
        return cut < 0 ? path : path[..cut];
    }

    private CallSiteEdit PropertyRemoved(Change change, SchemaSite site, AffectedConsumer consumer, CodeExcerpt? code, CallSiteEdit edit)
    {
        var name = site.PropertyName ?? "";
        var renamed = RenamedTo(change, site);
        var verb = site.Direction == Direction.Response ? "reads" : "sends";
        if (renamed is not null)
        {
            var lines = code is null ? [] : FieldRename.Lines(consumer.File, code, name, renamed);
            var rewritten = lines.Count == 0
                ? $" The quoted code does not name '{name}': make the edit where the field is used."
                : $" The quoted line(s) {string.Join(", ", lines.Select(l => l.Line))} that name it are rewritten (check each is this call's data); uses beyond the quoted code are yours to find.";
            return edit with
            {
                Edit = $"'{name}' is now '{renamed}' at {change.Location[..^name.Length]}{renamed}: rename it in the type this call {verb} (or map the JSON name), and in the code that uses it.{rewritten}",
                After = renamed,
                Replacement = lines.FirstOrDefault(l => l.Line == consumer.Line)?.Text,
                ReplacedLines = lines.Count == 0 ? null : lines,
            };
        }
        return site.Direction == Direction.Response
            ? edit with { Edit = $"Stop reading '{name}' from {change.Location}: it is no longer returned. Remove it from the type this call reads and from the code that uses it." }
            : edit with { Edit = $"Stop sending '{name}' at {change.Location}: the provider no longer accepts it." };
    }

    /// <summary>A new property beside the removed one with the same type is its new name, when it is the only such.</summary>
    private string? RenamedTo(Change change, SchemaSite site)
    {
        var pair = _pairs.FirstOrDefault(p => p is { Base: not null, Head: not null } && (p.Base.Endpoint.Id == change.EndpointId || p.Head.Endpoint.Id == change.EndpointId));
        if (pair is null || site.PropertyPath is null || site.PropertyName is null) return null;
        var parentPath = site.PropertyPath.Length > site.PropertyName.Length ? site.PropertyPath[..^(site.PropertyName.Length + 1)] : null;
        var parentBefore = Parent(pair.Base!, site, parentPath);
        var parentAfter = Parent(pair.Head!, site, parentPath);
        if (parentBefore?.Properties is null || parentAfter?.Properties is null) return null;
        if (!parentBefore.Properties.TryGetValue(site.PropertyName, out var removed)) return null;
        var removedTypes = string.Join("|", pair.Base!.Resolve(removed)?.Types ?? []);
        var candidates = parentAfter.Properties
            .Where(p => !parentBefore.Properties.ContainsKey(p.Key) && string.Join("|", pair.Head!.Resolve(p.Value)?.Types ?? []) == removedTypes)
            .Select(p => p.Key).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static ApiSchema? Parent(EndpointVersion version, SchemaSite site, string? parentPath)
    {
        var fact = version.Fact;
        var root = site.Direction == Direction.Request
            ? fact.RequestBody?.Schema
            : fact.Responses.FirstOrDefault(r => r.Status == site.Status)?.Schema;
        var schema = version.Resolve(root);
        if (parentPath is null) return schema;
        foreach (var part in parentPath.Split('.'))
        {
            var name = part.TrimEnd('[', ']');
            if (name.Length > 0)
                schema = schema?.Properties is { } properties && properties.TryGetValue(name, out var child) ? version.Resolve(child) : null;
            for (var arrays = (part.Length - name.Length) / 2; arrays > 0; arrays--) schema = version.Resolve(schema?.Items);
        }
        return schema;
    }

    internal static SchemaSite? ParameterSite(string location)
    {
        var parts = location.Split(' ');
        return parts is [var where and ("query" or "header" or "path" or "cookie"), "parameter", var name]
            ? new SchemaSite(Direction.Request, SchemaPart.Parameter, location) { ParameterIn = where, ParameterName = name }
            : null;
    }

    private static CallSiteEdit NowRequired(Change change, AffectedConsumer consumer, string? codeLine, CallSiteEdit edit)
    {
        // Operation rules name a parameter by location ("query parameter limit") rather than by a schema site.
        var site = change.Site ?? ParameterSite(change.Location);
        if (site is { Part: SchemaPart.Parameter, ParameterIn: "query", ParameterName: { } parameter })
        {
            var replacement = codeLine is not null && consumer.Url.Length > 1 && codeLine.Contains(consumer.Url, StringComparison.Ordinal)
                ? codeLine.Replace(consumer.Url, consumer.Url + (consumer.Url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + parameter + "=", StringComparison.Ordinal)
                : null;
            return edit with { Edit = $"Add the query parameter '{parameter}' to this call's URL, with a value from the caller's data.", Replacement = replacement };
        }
        if (site is { Part: SchemaPart.Parameter, ParameterName: { } name })
            return edit with { Edit = $"Send the {site.ParameterIn} parameter '{name}' with this call." };
        if (site is { PropertyName: { } property })
            return edit with { Edit = $"Send '{property}' in the request body ({change.Location}){(change.After is null ? "" : $", as {change.After}")}: add it to the type this call sends and fill it." };
        return edit with { Edit = $"{change.Message}: send what is now required." };
    }
}
