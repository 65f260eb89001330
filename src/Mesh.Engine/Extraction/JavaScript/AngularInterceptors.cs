using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// Angular <c>HttpInterceptor</c>s that put a base in front of every request's URL
/// (<c>req.clone({ url: `${base}${req.url}` })</c>, <c>req.clone({ url: base + req.url })</c>): the base is bound to the
/// repo's <c>HttpClient</c> calls, which carry <see cref="Scope"/>.
/// </summary>
internal static class AngularInterceptors
{
    /// <summary>The client scope of Angular <c>HttpClient</c> calls, which an interceptor's base applies to.</summary>
    public const string Scope = "angular:HttpClient";

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var (call, name, byName) in file.Calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (byName || name != "clone" || call.ChildByFieldName("function") is not { } function
                || JsFile.Strip(function).ChildByFieldName("object") is not { Type: "identifier" } request
                || JsFile.Argument(call, 0) is not { } argument || JsFile.Strip(argument) is not { Type: "object" } options
                || JsFile.Property(options, "url") is not { } url || Prefix(file, JsFile.Strip(url), request.Text()) is not { } prefix)
                continue;
            file.Claim(call);
            var value = prefix.Node.Type == "template_string" ? Before(file, prefix.Node, prefix.Until) : file.Strings.Evaluate(prefix.Node);
            if ((value.BaseHint ?? (value.Complete && value.Text.Length > 0 ? value.Text : null)) is { } hint)
                sink.ClientBindings.Add(new ClientBindingFact(Scope, hint, call.Start.Line));
        }
    }

    /// <summary>The expression before <c>request.url</c> in <c>base + request.url</c> or <c>`${base}${request.url}`</c>.</summary>
    private static (Node Node, int Until)? Prefix(JsFile file, Node url, string request)
    {
        if (url.Type == "binary_expression" && url.ChildByFieldName("operator")?.Text() == "+"
            && url.ChildByFieldName("right") is { } right && IsRequestUrl(right, request) && url.ChildByFieldName("left") is { } left)
            return (left, left.EndByte);
        if (url.Type != "template_string") return null;
        var substitutions = url.NamedChildren.Where(p => p.Type == "template_substitution").ToList();
        return substitutions.Count > 0 && substitutions[^1].EndByte == url.EndByte - 1 && substitutions[^1].NamedChildCount > 0
               && IsRequestUrl(substitutions[^1].NamedChild(0), request)
            ? (url, substitutions[^1].StartByte)
            : null;
    }

    private static bool IsRequestUrl(Node node, string request) =>
        JsFile.Strip(node) is { Type: "member_expression" } member && member.ChildByFieldName("object")?.Text() == request
        && member.ChildByFieldName("property")?.Text() == "url";

    /// <summary>A template's text up to <paramref name="until"/>, substitutions evaluated.</summary>
    private static JsText Before(JsFile file, Node template, int until)
    {
        var source = template.Tree.Source.Span;
        var text = new JsText("");
        var position = template.StartByte + 1;
        foreach (var part in template.NamedChildren.Where(p => p.Type == "template_substitution" && p.StartByte < until))
        {
            text += new JsText(System.Text.Encoding.UTF8.GetString(source[position..part.StartByte]));
            text += part.NamedChildCount > 0 ? file.Strings.Evaluate(part.NamedChild(0)) : new JsText("");
            position = part.EndByte;
        }
        return text + new JsText(System.Text.Encoding.UTF8.GetString(source[position..until]));
    }
}
