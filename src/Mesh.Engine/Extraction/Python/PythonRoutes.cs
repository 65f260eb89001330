using System.Text.RegularExpressions;
using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>Where a router's routes go: the scope they are relative to and the prefix applied in this file.</summary>
internal sealed record RouterTarget(string? Scope, string Prefix, IReadOnlyList<string> Tags, string? Framework);

/// <summary>What FastAPI and Flask readers share: which object a decorator names, and function details.</summary>
internal static partial class PythonRoutes
{
    /// <summary>
    /// The scope of routes declared on <paramref name="router"/>: null for an application root, <c>@name</c> for a
    /// router of this file (its <c>prefix</c> applied here), <c>py:module@name</c> for one imported.
    /// </summary>
    public static RouterTarget Target(PythonFile file, Node router)
    {
        if (file.AppNamed(router) is { } app)
            return new RouterTarget(app.IsRoot && !file.MountedApps.Contains(app.Name) ? null : "@" + app.Name, app.Prefix, app.Tags,
                app.IsFastApi ? "fastapi" : app.IsFlask ? "flask" : app.Kind == "Starlette" ? "starlette" : null);
        var framework = file.ImportsModule("fastapi") ? "fastapi" : file.ImportsModule("flask") ? "flask" : null;
        return new RouterTarget(file.ScopeOf(router), "", [], framework);
    }

    /// <summary>True when <paramref name="expression"/> is a FastAPI()/Flask() application of this file.</summary>
    public static bool IsRootApp(PythonFile file, Node expression) =>
        file.AppNamed(expression) is { IsRoot: true } app && !file.MountedApps.Contains(app.Name);

    /// <summary>The methods a <c>methods=[...]</c> keyword lists, upper case; null when there is none.</summary>
    public static List<string>? Methods(PythonFile file, Node? arguments) =>
        PythonFile.Keyword(arguments, "methods") is { Type: not "none" } m ? file.StringList(m).Select(x => x.ToUpperInvariant()).ToList() : null;

    public static string JoinPath(string prefix, string path) =>
        prefix.Length == 0 ? path : path.Length == 0 ? prefix : prefix.TrimEnd('/') + "/" + path.TrimStart('/');

    /// <summary>
    /// Matches of a decorator query (<c>FastApi.scm</c>, <c>Flask.scm</c>), run on each decorated definition of the file
    /// rather than the whole tree: the same matches, in source order, without walking every function body again.
    /// </summary>
    public static IEnumerable<QueryMatch> DecoratorMatches(PythonFile file, Query query, CancellationToken cancellationToken)
    {
        using var cursor = new QueryCursor { MaxStartDepth = 0 };
        foreach (var definition in file.DecoratedDefinitions)
            foreach (var match in cursor.Matches(query, definition, cancellationToken))
                yield return match;
    }

    /// <summary>
    /// The function a route's endpoint expression names: a function of the module (<c>read_items</c>), a method of the
    /// class the expression is written in (<c>self.handle</c>, <c>cls.handle</c>), or of a class of the module (<c>Views.list</c>).
    /// </summary>
    public static Node? Function(PythonFile file, Node endpoint)
    {
        if (endpoint.Type == "identifier") return file.Functions.GetValueOrDefault(endpoint.Text());
        if (PythonFile.Dotted(endpoint) is not [var owner, var name]) return null;
        var @class = owner is "self" or "cls" ? file.Classes.Values.FirstOrDefault(c => c.StartByte <= endpoint.StartByte && endpoint.EndByte <= c.EndByte)
            : file.Classes.GetValueOrDefault(owner);
        if (@class.Tree is null || @class.ChildByFieldName("body") is not { } block) return null;
        foreach (var statement in block.NamedChildren)
        {
            var definition = statement.Type == "decorated_definition" ? statement.ChildByFieldName("definition") : statement;
            if (definition is { Type: "function_definition" } f && f.ChildByFieldName("name")?.Text() == name) return f;
        }
        return null;
    }

    /// <summary>The name an endpoint expression gives its handler: <c>self.handle_prompt</c> → <c>handle_prompt</c>.</summary>
    public static string? HandlerName(Node endpoint) => endpoint.Type switch
    {
        "identifier" => endpoint.Text(),
        "attribute" => endpoint.ChildByFieldName("attribute")!.Value.Text(),
        _ => null,
    };

    /// <summary>First line of a function's docstring, if any.</summary>
    public static string? DocSummary(Node function)
    {
        if (function.ChildByFieldName("body") is not { NamedChildCount: > 0 } body) return null;
        var first = body.NamedChild(0);
        if (first.Type != "expression_statement" || first.NamedChildCount != 1 || first.NamedChild(0).Type != "string") return null;
        var content = first.NamedChild(0).NamedChildren.FirstOrDefault(c => c.Type == "string_content");
        if (content.Tree is null) return null;
        return content.Text().Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
    }

    /// <summary>Names of <c>{name}</c> (FastAPI) and <c>&lt;conv:name&gt;</c> (Flask, Django) parameters of a route.</summary>
    public static List<(string Name, string? Converter)> PathParameters(string path) =>
        PathParameter().Matches(path)
            .Select(m => m.Groups["brace"].Success ? (m.Groups["brace"].Value, (string?)(m.Groups["bconv"].Success ? m.Groups["bconv"].Value : null))
                : (m.Groups["angle"].Value, m.Groups["aconv"].Success ? m.Groups["aconv"].Value : null))
            .ToList();

    /// <summary>A route's path parameters as API parameters, typed by their converter (<c>&lt;int:id&gt;</c> → integer).</summary>
    public static List<ApiParameter> PathApiParameters(string path) =>
        PathParameters(path).Select(p => new ApiParameter(p.Name, "path", true, ConverterSchema(p.Converter))).ToList();

    private static ApiSchema ConverterSchema(string? converter) => converter switch
    {
        "int" => new ApiSchema { Types = ["integer"] },
        "float" => new ApiSchema { Types = ["number"] },
        "uuid" => new ApiSchema { Types = ["string"], Format = "uuid" },
        _ => new ApiSchema { Types = ["string"] },
    };

    public static int? StatusCode(Node value)
    {
        if (value.Type == "integer" && int.TryParse(value.Text(), out var code)) return code;
        var match = StatusName().Match(value.Text());
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"\{(?<brace>\w+)(:(?<bconv>\w+))?\}|<((?<aconv>\w+):)?(?<angle>\w+)>")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"HTTP_(\d{3})")]
    private static partial Regex StatusName();
}
