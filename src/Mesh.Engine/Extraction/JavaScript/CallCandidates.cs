using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// Calls of any function with an argument that looks like a URL (<c>getJson("/api/orders")</c>, <c>api.get(`/orders/${id}`)</c>):
/// the resolver makes them call sites when the function turns out to be a wrapper, in this file or another. The calls are
/// those of <c>JsFile.scm</c>; whether an argument may be a URL takes evaluating it, which only C# can do.
/// </summary>
internal static class CallCandidates
{
    private static readonly HashSet<string> Ignored = ["require", "import", "describe", "it", "test", "log", "warn", "error", "info", "debug", "join", "resolve", "push"];

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var (call, name, byName) in file.Calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Ignored.Contains(name) || file.IsClaimed(call) || call.ChildByFieldName("arguments") is not { } arguments) continue;
            // Most calls pass nothing a URL can come from: look at the argument types before evaluating any.
            var args = JsFile.ArgumentsOf(arguments);
            if (!args.Any(a => a.Type is "string" or "template_string" or "binary_expression" or "identifier" or "parenthesized_expression"
                    or "as_expression" or "non_null_expression" or "satisfies_expression" or "await_expression" or "object")) continue;
            var values = args.Select(a => Argument(file, a)).ToList();
            var options = args.Select(a => JsFile.Strip(a) is { Type: "object" } o ? Properties(file, o) : null).ToList();
            if (!values.Any(v => v is not null && IsUrlLike(v)) && !options.Any(o => o is not null && o.Values.Any(IsUrlLike))) continue;
            var response = call.ChildByFieldName("type_arguments") is { NamedChildCount: > 0 } types ? TypeDeclarations.Returned(types.NamedChild(0)) : null;
            sink.CallCandidates.Add(new CallCandidateFact(byName ? name : Qualified(call, name), values, call.Start.Line, response,
                options.Any(o => o is not null) ? options : null));
        }
    }

    /// <summary><c>requests.get</c> for a call of a member of a named object; the member's name alone for anything else (<c>this.get</c>, <c>a.b.get</c>).</summary>
    private static string Qualified(Node call, string name) =>
        call.ChildByFieldName("function") is { } function && JsFile.Strip(function) is { Type: "member_expression" } member
        && member.ChildByFieldName("object") is { Type: "identifier" } owner
            ? owner.Text() + "." + name
            : name;

    /// <summary>An object literal's properties whose values are known text (<c>{ url: `${base}/cart`, method: "POST" }</c>).</summary>
    private static IReadOnlyDictionary<string, string>? Properties(JsFile file, Node obj)
    {
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in obj.NamedChildren)
            if (member.Type == "pair" && member.ChildByFieldName("key") is { } key && member.ChildByFieldName("value") is { } value
                && Argument(file, value) is { } text)
                properties[JsFile.KeyName(key)] = text;
        return properties.Count > 0 ? properties : null;
    }

    private static string? Argument(JsFile file, Node argument)
    {
        argument = JsFile.Strip(argument);
        if (argument.Type is not ("string" or "template_string" or "binary_expression" or "identifier" or "member_expression")) return null;
        var value = file.Strings.Url(argument);
        return value.Unresolved is null && (argument.Type is not ("identifier" or "member_expression") || value.Complete) ? value.Text : null;
    }

    private static bool IsUrlLike(string text) => text.StartsWith('/') || text.StartsWith("http", StringComparison.OrdinalIgnoreCase) || text.StartsWith('{') && text.Contains('/');
}
