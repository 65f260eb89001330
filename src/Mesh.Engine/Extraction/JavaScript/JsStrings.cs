using System.Text;
using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// A string expression's text as far as syntax can tell: unknown parts become <c>{name}</c> holes,
/// <see cref="Unresolved"/> says why the first unknown part is unknown, and <see cref="BaseHint"/> names the
/// environment variable (<c>process.env.X</c>, <c>import.meta.env.X</c>) a URL starts with.
/// </summary>
internal sealed record JsText(string Text, string? Unresolved = null, string? BaseHint = null)
{
    public bool Complete => Unresolved is null;

    public static JsText operator +(JsText left, JsText right) =>
        new(left.Text + right.Text, left.Unresolved ?? right.Unresolved, left.Text.Length == 0 ? left.BaseHint ?? right.BaseHint : left.BaseHint);
}

/// <summary>Evaluates string expressions: literals, template literals, <c>+</c>, module constants and locals assigned earlier in the same function.</summary>
internal sealed class JsStrings(JsFile file)
{
    private const int MaxDepth = 12;

    public JsText Evaluate(Node expression) => Evaluate(expression, 0);

    /// <summary>A URL: holes inside a known shape (<c>/orders/{id}</c>) are path values; only an unknown start leaves it unresolved.</summary>
    public JsText Url(Node expression)
    {
        var value = Evaluate(expression);
        var unresolved = value.Complete || !value.Text.StartsWith('{') || value.BaseHint is not null ? null : value.Unresolved;
        return value with { Unresolved = unresolved };
    }

    private JsText Evaluate(Node node, int depth)
    {
        if (depth > MaxDepth) return Hole(node, "expression nests too deeply");
        node = JsFile.Strip(node);
        switch (node.Type)
        {
            case "string":
                return new JsText(JsFile.Unquote(node.Text()));
            case "template_string":
                return Template(node, depth);
            case "binary_expression" when node.ChildByFieldName("operator")?.Text() == "+":
                return Evaluate(node.ChildByFieldName("left")!.Value, depth + 1) + Evaluate(node.ChildByFieldName("right")!.Value, depth + 1);
            case "number":
                return new JsText(node.Text());
            case "identifier":
                return Identifier(node, depth);
            case "member_expression" when EnvironmentVariable(node) is { } variable:
                return new JsText("{" + variable + "}", null, "env:" + variable);
            case "member_expression":
                return Hole(node, $"'{node.Text()}' is not a constant of this file");
            case "call_expression" when node.ChildByFieldName("function") is { Type: "member_expression" } callee
                                        && callee.ChildByFieldName("property")?.Text() is "toString" or "trim" or "toLowerCase" or "replace" or "replaceAll":
                // `"/pets/{id}".replace("{id}", value)` fills a template in: the template is the URL's shape.
                return Evaluate(callee.ChildByFieldName("object")!.Value, depth + 1);
            default:
                return Hole(node, "value computed at run time");
        }
    }

    /// <summary><c>process.env.X</c>, <c>process.env["X"]</c> or <c>import.meta.env.X</c> → <c>X</c>.</summary>
    public static string? EnvironmentVariable(Node node)
    {
        node = JsFile.Strip(node);
        if (node.Type == "member_expression" && node.ChildByFieldName("object") is { } owner && IsEnv(owner))
            return node.ChildByFieldName("property")?.Text();
        if (node.Type == "subscript_expression" && node.ChildByFieldName("object") is { } owner2 && IsEnv(owner2)
            && node.ChildByFieldName("index") is { } index && JsFile.StringValue(index) is { } key)
            return key;
        return null;
    }

    private static bool IsEnv(Node node) =>
        node.Type == "member_expression" && node.ChildByFieldName("property")?.Text() == "env"
        && node.ChildByFieldName("object") is { } root && (root.Type == "meta_property" || root.Text() == "process");

    private JsText Template(Node template, int depth)
    {
        var source = template.Tree.Source.Span;
        var text = new StringBuilder();
        string? unresolved = null, baseHint = null;
        var position = template.StartByte + 1;
        foreach (var child in template.NamedChildren)
        {
            if (child.Type != "template_substitution") continue;
            text.Append(Encoding.UTF8.GetString(source[position..child.StartByte]));
            var inner = child.NamedChildCount > 0 ? Evaluate(child.NamedChild(0), depth + 1) : new JsText("");
            if (text.Length == 0 && baseHint is null) baseHint = inner.BaseHint;
            text.Append(inner.Text);
            unresolved ??= inner.Unresolved;
            position = child.EndByte;
        }
        text.Append(Encoding.UTF8.GetString(source[position..Math.Max(position, template.EndByte - 1)]));
        return new JsText(text.ToString(), unresolved, baseHint);
    }

    private JsText Identifier(Node identifier, int depth)
    {
        var name = identifier.Text();
        if (name == "undefined") return new JsText("");
        if (LocalValue(identifier, name) is { } local) return Evaluate(local, depth + 1);
        if (file.Constants.TryGetValue(name, out var constant) && constant.StartByte != identifier.StartByte) return Evaluate(constant, depth + 1);
        return Hole(identifier, $"'{name}' is not a constant of this file");
    }

    /// <summary>The value last assigned to a local <c>const</c>/<c>let</c> of the enclosing function before this use.</summary>
    public Node? LocalValue(Node use, string name)
    {
        if (!file.Declarators.TryGetValue(name, out var declarators)) return null;
        Node? function = null;
        Node? found = null;
        foreach (var (declarator, value) in declarators)
        {
            if (value.EndByte > use.StartByte) break;
            function ??= file.EnclosingFunction(use);
            if (function is null) return null;
            if (declarator.StartByte > function.Value.StartByte && declarator.EndByte < function.Value.EndByte && file.EnclosingFunction(declarator) == function)
                found = value;
        }
        return found;
    }

    private static JsText Hole(Node node, string reason) => new("{" + HoleName(node) + "}", reason);

    public static string HoleName(Node node)
    {
        node = JsFile.Strip(node);
        return node.Type switch
        {
            "identifier" or "property_identifier" => node.Text(),
            "member_expression" => node.ChildByFieldName("property")?.Text() ?? "value",
            "subscript_expression" when node.ChildByFieldName("index") is { } index => JsFile.StringValue(index) ?? HoleName(index),
            "call_expression" when JsFile.Argument(node, 0) is { } first => HoleName(first),
            "call_expression" when node.ChildByFieldName("function") is { } fn => HoleName(fn),
            _ => "value",
        };
    }
}
