using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// Calls of any function with an argument that looks like a URL (<c>getJson("/api/orders")</c>, <c>api.get(`/orders/${id}`)</c>):
/// the resolver makes them call sites when the function turns out to be a wrapper, in this file or another.
/// </summary>
internal static class CallCandidates
{
    private static readonly HashSet<string> Ignored = ["require", "import", "describe", "it", "test", "log", "warn", "error", "info", "debug", "join", "resolve", "push"];

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        for (var i = 0; i < file.Calls.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var call = file.Calls[i];
            if (file.CallNames[i] is not { } name || Ignored.Contains(name) || file.IsClaimed(call)) continue;
            var args = JsFile.Arguments(call);
            if (args.Count == 0) continue;
            var values = args.Select(a => Argument(file, a)).ToList();
            if (!values.Any(v => v is not null && IsUrlLike(v))) continue;
            var response = call.ChildByFieldName("type_arguments") is { NamedChildCount: > 0 } types ? TypeDeclarations.Returned(types.NamedChild(0)) : null;
            sink.CallCandidates.Add(new CallCandidateFact(name, values, call.Start.Line, response));
        }
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
