using System.Text;
using System.Text.RegularExpressions;
using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// A string expression as far as the file tells: text with <c>{name}</c> holes for what is unknown.
/// <see cref="Unknown"/> says why a part is unknown; <see cref="StartsUnknown"/> when the very start is (then the URL has no shape).
/// <see cref="BaseHint"/> is <c>env:X</c> or <c>config:X</c> when the text starts with such a value.
/// <see cref="DefaultOf"/> is <c>env:X</c> when the text starts with the default of such a value
/// (<c>os.getenv("X", "http://orders")</c>): the default is the text, the variable stays a hint.
/// </summary>
internal sealed record PythonText(string Text, string? Unknown = null, bool StartsUnknown = false, string? BaseHint = null, bool References = false, string? DefaultOf = null)
{
    /// <summary>Every part is known here: no hole, no base hint, no value another file holds.</summary>
    public bool Complete => Known && !References;

    /// <summary>No part is unknown, though some may be <see cref="SymbolReference"/> markers the resolver fills in.</summary>
    public bool Known => Unknown is null && BaseHint is null;

    /// <summary>Why the URL cannot be matched: only when it starts with an unknown (holes later are path values).</summary>
    public string? Unresolved => StartsUnknown ? Unknown : null;

    public static PythonText Hole(string name, string reason) => new("{" + name + "}", reason, true);

    /// <summary>A value held by another symbol (an import, a class field): a marker the resolver fills in.</summary>
    public static PythonText Reference(SymbolReference reference) => new(reference.Marker, References: true);

    public PythonText Append(PythonText right) => new(
        Text + right.Text,
        Unknown ?? right.Unknown,
        Text.Length == 0 ? right.StartsUnknown : StartsUnknown,
        BaseHint ?? (Text.Length == 0 ? right.BaseHint : null),
        References || right.References,
        DefaultOf ?? (Text.Length == 0 ? right.DefaultOf : null));
}

/// <summary>
/// Evaluates Python string expressions: literals, f-strings, <c>%</c> and <c>.format</c>, concatenation, module constants,
/// a variable assigned earlier in the same function; <c>os.environ</c>/<c>os.getenv</c> and settings objects become
/// base hints.
/// </summary>
internal static partial class PythonStrings
{
    private const int MaxDepth = 8;

    private static readonly HashSet<string> SettingsObjects = ["settings", "config", "conf", "CONFIG", "SETTINGS", "cfg"];

    /// <summary>The text of a fully known string expression, or null.</summary>
    public static string? Literal(PythonFile file, Node node)
    {
        var value = Evaluate(file, node);
        return value.Complete ? value.Text : null;
    }

    public static PythonText Evaluate(PythonFile file, Node node) => Evaluate(file, node, 0);

    private static PythonText Evaluate(PythonFile file, Node node, int depth)
    {
        if (depth > MaxDepth) return PythonText.Hole(HoleName(node), "expression nested too deep");
        switch (node.Type)
        {
            case "string":
                return StringLiteral(file, node, depth);
            case "concatenated_string":
                return node.NamedChildren.Aggregate(new PythonText(""), (text, part) => text.Append(Evaluate(file, part, depth + 1)));
            case "parenthesized_expression" when node.NamedChildCount == 1:
                return Evaluate(file, node.NamedChild(0), depth + 1);
            case "binary_operator":
                var op = node.ChildByFieldName("operator")?.Text();
                var left = node.ChildByFieldName("left")!.Value;
                var right = node.ChildByFieldName("right")!.Value;
                if (op == "+") return Evaluate(file, left, depth + 1).Append(Evaluate(file, right, depth + 1));
                if (op == "%" && left.Type is "string" or "concatenated_string" or "identifier")
                    return Percent(file, Evaluate(file, left, depth + 1), right, depth);
                break;
            case "call":
                return Call(file, node, depth);
            case "subscript":
                if (Key(file, node) is { } keyed) return keyed;
                break;
            case "attribute":
                var dotted = PythonFile.Dotted(node) ?? CallChain(node);
                var hint = dotted is { Count: >= 2 } && dotted.SkipLast(1).Any(SettingsObjects.Contains) ? "config:" + dotted[^1] : null;
                if (dotted is { Count: >= 2 } && Symbol(file, node, dotted) is { } symbol)
                    return PythonText.Reference(new SymbolReference(dotted[^1], symbol, hint));
                if (hint is not null) return Setting(hint, dotted![^1]);
                break;
            case "identifier":
                return Identifier(file, node, depth);
        }
        return PythonText.Hole(HoleName(node), $"dynamic value '{Shorten(node.Text())}'");
    }

    private static PythonText Setting(string hint, string name) => new("{" + name + "}", null, false, hint);

    private static PythonText Identifier(PythonFile file, Node node, int depth)
    {
        var name = node.Text();
        if (file.EnclosingFunction(node) is { } function)
        {
            if (file.LastAssignmentBefore(function, name, node.StartByte) is { } local) return Evaluate(file, local, depth + 1);
            if (file.Parameters(function).Any(p => p.Name == name)) return PythonText.Hole(name, $"parameter '{name}'");
        }
        if (file.Assignments.TryGetValue(name, out var constant) && constant.StartByte != node.StartByte)
            return Evaluate(file, constant, depth + 1);
        if (file.Imports.TryGetValue(name, out var import) && import.Name is not null)
            return PythonText.Reference(new SymbolReference(name, $"py:{import.Module}@{import.Name}", null));
        return PythonText.Hole(name, $"unknown variable '{name}'");
    }

    /// <summary>
    /// The symbol a dotted name denotes when its value lives in a module-level name: <c>settings.API_V1_STR</c> with
    /// <c>settings</c> imported (<c>py:app.core.config@settings.API_V1_STR</c>) or declared in this file
    /// (<c>@settings.API_V1_STR</c>), <c>config.PREFIX</c> with <c>import app.config as config</c>. Null when its root
    /// is a local variable or parameter (<c>self.base</c>, <c>request.url</c>): those are run-time values.
    /// </summary>
    public static string? Symbol(PythonFile file, Node node, IReadOnlyList<string> dotted)
    {
        var root = dotted[0];
        var called = root.EndsWith("()", StringComparison.Ordinal);
        var name = called ? root[..^2] : root;
        var rest = string.Join('.', dotted.Skip(1));
        if (file.EnclosingFunction(node) is { } function
            && (file.Parameters(function).Any(p => p.Name == name) || file.LastAssignmentBefore(function, name, node.StartByte) is not null))
            return null;
        if (file.Imports.TryGetValue(name, out var import))
            return import.Name is null ? (called ? null : $"py:{import.Module}@{rest}") : $"py:{import.Module}@{import.Name}{(called ? "()" : "")}.{rest}";
        if (file.Assignments.ContainsKey(name) || file.Classes.ContainsKey(name) || file.Functions.ContainsKey(name)) return $"@{root}.{rest}";
        return null;
    }

    /// <summary>
    /// A dotted name through calls without arguments, each call written <c>name()</c>: <c>get_settings().API_PREFIX</c>
    /// → [<c>get_settings()</c>, <c>API_PREFIX</c>]. Null when a part is anything else (a call with arguments, an index).
    /// </summary>
    private static List<string>? CallChain(Node node)
    {
        var parts = new List<string>();
        var current = node;
        while (true)
        {
            if (current.Type == "attribute")
            {
                parts.Add(current.ChildByFieldName("attribute")!.Value.Text());
                current = current.ChildByFieldName("object")!.Value;
            }
            else if (current.Type == "call" && current.ChildByFieldName("arguments") is { NamedChildCount: 0 }
                     && current.ChildByFieldName("function") is { Type: "identifier" or "attribute" } function
                     && PythonFile.Dotted(function) is { } callee)
            {
                parts.AddRange(callee.AsEnumerable().Reverse().Select((p, i) => i == 0 ? p + "()" : p));
                break;
            }
            else return null;
        }
        parts.Reverse();
        return parts;
    }

    private static PythonText StringLiteral(PythonFile file, Node node, int depth)
    {
        var raw = node.NamedChildCount > 0 && node.NamedChild(0).Utf8Text.IndexOfAny((byte)'r', (byte)'R') >= 0;
        // Appending to empty text gives the part itself: the first part is taken as it is.
        PythonText? text = null;
        foreach (var part in node.NamedChildren)
        {
            PythonText value;
            if (part.Type == "string_content") value = new PythonText(raw ? part.Text() : Unescape(part.Text()));
            else if (part.Type == "interpolation" && part.ChildByFieldName("expression") is { } expression) value = Evaluate(file, expression, depth + 1);
            else continue;
            text = text is null ? value : text.Append(value);
        }
        return text ?? new PythonText("");
    }

    private static PythonText Call(PythonFile file, Node call, int depth)
    {
        var function = call.ChildByFieldName("function")!.Value;
        var arguments = call.ChildByFieldName("arguments");
        var positional = PythonFile.Positional(arguments);
        if (function.Type == "attribute")
        {
            var method = function.ChildByFieldName("attribute")!.Value.Text();
            var target = function.ChildByFieldName("object")!.Value;
            var dotted = PythonFile.Dotted(function);
            if (method == "format" && target.Type is "string" or "concatenated_string" or "identifier")
                return Format(file, Evaluate(file, target, depth + 1), arguments, depth);
            if (dotted is ["os", "getenv"] or ["os", "environ", "get"] or ["environ", "get"] && positional.Count > 0 && Literal(file, positional[0]) is { } env)
                return Defaulted(file, "env:" + env, env, arguments, depth);
            if (method == "get" && positional.Count > 0 && Literal(file, positional[0]) is { } key && IsSettings(target))
                return Defaulted(file, "config:" + key, key, arguments, depth);
            if (method is "rstrip" or "strip" or "lstrip" or "removesuffix") return Evaluate(file, target, depth + 1);
        }
        else if (function.Type == "identifier")
        {
            var name = function.Text();
            if (name == "getenv" && positional.Count > 0 && Literal(file, positional[0]) is { } env) return Defaulted(file, "env:" + env, env, arguments, depth);
            if (name == "str" && positional.Count == 1) return Evaluate(file, positional[0], depth + 1);
        }
        return PythonText.Hole(HoleName(call), $"result of '{Shorten(function.Text())}(...)'");
    }

    /// <summary>
    /// <c>os.getenv("X", default)</c>: the default when it is known text (the value the code runs with unless told
    /// otherwise), the variable kept as <see cref="PythonText.DefaultOf"/>; else the variable's hole and hint.
    /// </summary>
    private static PythonText Defaulted(PythonFile file, string hint, string name, Node? arguments, int depth)
    {
        var fallback = PythonFile.Keyword(arguments, "default") ?? PythonFile.Positional(arguments).ElementAtOrDefault(1);
        if (fallback is { Tree: not null } given && given.Type != "none" && Evaluate(file, given, depth + 1) is { Known: true, Text.Length: > 0 } value)
            return value with { DefaultOf = value.DefaultOf ?? hint };
        return Setting(hint, name);
    }

    private static bool IsSettings(Node target) =>
        PythonFile.Dotted(target) is { } parts && parts.Any(SettingsObjects.Contains);

    /// <summary><c>os.environ["X"]</c> and <c>config["X"]</c> / <c>app.config["X"]</c>.</summary>
    private static PythonText? Key(PythonFile file, Node subscript)
    {
        if (subscript.ChildByFieldName("value") is not { } value || subscript.ChildByFieldName("subscript") is not { } index) return null;
        if (Literal(file, index) is not { } key) return null;
        var dotted = PythonFile.Dotted(value);
        if (dotted is ["os", "environ"] or ["environ"]) return Setting("env:" + key, key);
        if (dotted is not null && dotted.Any(SettingsObjects.Contains)) return Setting("config:" + key, key);
        return null;
    }

    private static PythonText Percent(PythonFile file, PythonText format, Node right, int depth)
    {
        var values = right.Type == "tuple" ? right.NamedChildren.ToList() : [right];
        var named = right.Type == "dictionary";
        var index = 0;
        var result = new PythonText("");
        var last = 0;
        foreach (Match match in PercentSpec().Matches(format.Text))
        {
            result = result.Append(new PythonText(format.Text[last..match.Index]));
            last = match.Index + match.Length;
            if (match.Value == "%%") { result = result.Append(new PythonText("%")); continue; }
            if (match.Groups["name"].Success && named)
            {
                var pair = right.NamedChildren.FirstOrDefault(p => p.Type == "pair" && Literal(file, p.ChildByFieldName("key")!.Value) == match.Groups["name"].Value);
                result = result.Append(pair.Tree is not null ? Evaluate(file, pair.ChildByFieldName("value")!.Value, depth + 1) : PythonText.Hole(match.Groups["name"].Value, "unknown format value"));
            }
            else result = result.Append(index < values.Count ? Evaluate(file, values[index++], depth + 1) : PythonText.Hole("value", "missing format value"));
        }
        result = result.Append(new PythonText(format.Text[last..]));
        return result;
    }

    private static PythonText Format(PythonFile file, PythonText format, Node? arguments, int depth)
    {
        var positional = PythonFile.Positional(arguments);
        var index = 0;
        var result = new PythonText("");
        var last = 0;
        foreach (Match match in BraceField().Matches(format.Text))
        {
            result = result.Append(new PythonText(format.Text[last..match.Index]));
            last = match.Index + match.Length;
            var field = match.Groups["field"].Value;
            Node? argument = field.Length == 0 ? (index < positional.Count ? positional[index++] : null)
                : int.TryParse(field, out var i) ? (i < positional.Count ? positional[i] : null)
                : PythonFile.Keyword(arguments, field);
            result = result.Append(argument is { } a ? Evaluate(file, a, depth + 1) : PythonText.Hole(field.Length == 0 ? "value" : field, "unknown format value"));
        }
        return result.Append(new PythonText(format.Text[last..]));
    }

    /// <summary>The name a hole gets: the identifier at the end of the expression (<c>user.id</c> → <c>id</c>).</summary>
    public static string HoleName(Node node) => node.Type switch
    {
        "identifier" => node.Text(),
        "attribute" => node.ChildByFieldName("attribute")!.Value.Text(),
        "call" when node.ChildByFieldName("function") is { } f => HoleName(f),
        "subscript" when node.ChildByFieldName("subscript") is { Type: "string" } s && s.NamedChildren.FirstOrDefault(c => c.Type == "string_content") is { Tree: not null } c => c.Text(),
        "subscript" when node.ChildByFieldName("value") is { } v => HoleName(v),
        _ => "value",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string Unescape(string text)
    {
        if (!text.Contains('\\')) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length) { builder.Append(text[i]); continue; }
            var next = text[++i];
            builder.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => next });
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"%%|%(\((?<name>\w+)\))?[-+ #0]*\d*(\.\d+)?[sdirfx]")]
    private static partial Regex PercentSpec();

    [GeneratedRegex(@"(?<!\{)\{(?<field>\w*)(![rsa])?(:[^{}]*)?\}(?!\})")]
    private static partial Regex BraceField();
}
