using Mesh.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// ASP.NET Core controllers. Each controller is a scope <c>cs:class:Name</c>: its <c>[Route]</c> mounts it at the root,
/// or, without one, it is mounted into its base class's scope (route attributes are inherited, possibly from another
/// file). Actions are endpoints in that scope with <c>[controller]</c>/<c>[action]</c> token values; the resolver composes.
/// Actions that render views are not HTTP APIs and are skipped.
/// </summary>
public static class Controllers
{
    private static readonly Dictionary<string, string> Verbs = new(StringComparer.Ordinal)
    {
        ["HttpGet"] = "GET", ["HttpPost"] = "POST", ["HttpPut"] = "PUT", ["HttpDelete"] = "DELETE", ["HttpPatch"] = "PATCH",
        ["HttpHead"] = "HEAD", ["HttpOptions"] = "OPTIONS",
    };

    private static readonly HashSet<string> FrameworkBases = new(StringComparer.Ordinal) { "ControllerBase", "Controller" };

    public static string ScopeOf(string className) => "cs:class:" + className;

    public static void Read(CSharpFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var type in file.Types.OfType<ClassDeclarationSyntax>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsController(type)) continue;
            var name = type.Identifier.ValueText;
            var scope = ScopeOf(name);
            var classAttributes = CSharpFile.Attributes(type.AttributeLists).ToList();
            var routes = classAttributes.Where(a => CSharpFile.AttributeName(a) == "Route").Select(a => Template(file, a)).OfType<string>().ToList();
            var baseType = type.BaseList?.Types.Select(b => TypeSchemas.SimpleName(b.Type)).FirstOrDefault(b => !b.StartsWith('I') || b.Length < 2 || !char.IsUpper(b[1]));
            var versions = Versions(classAttributes, "ApiVersion");
            foreach (var route in routes)
                sink.Mounts.Add(new MountFact(scope, null, route, file.Line(type.Identifier), versions));
            if (routes.Count == 0 && baseType is not null && !FrameworkBases.Contains(StripGeneric(baseType)))
                sink.Mounts.Add(new MountFact(scope, ScopeOf(StripGeneric(baseType)), "", file.Line(type.Identifier), versions));
            if (type.Modifiers.Any(SyntaxKind.AbstractKeyword)) continue;
            var isApi = classAttributes.Any(a => CSharpFile.AttributeName(a) == "ApiController") || baseType == "ControllerBase";
            var conventional = routes.Count == 0 && (baseType is null || FrameworkBases.Contains(baseType));
            var deprecatedController = classAttributes.Any(a => CSharpFile.AttributeName(a) == "Obsolete");
            foreach (var action in type.Members.OfType<MethodDeclarationSyntax>())
                Action(file, sink, name, scope, action, isApi, conventional, deprecatedController, versions);
        }
    }

    private static string StripGeneric(string name) => name.Split('<')[0];

    private static bool IsController(ClassDeclarationSyntax type)
    {
        var attributes = CSharpFile.Attributes(type.AttributeLists).Select(CSharpFile.AttributeName).ToList();
        if (attributes.Contains("NonController")) return false;
        if (attributes.Contains("ApiController")) return true;
        var bases = type.BaseList?.Types.Select(b => StripGeneric(TypeSchemas.SimpleName(b.Type))) ?? [];
        return bases.Any(b => b.EndsWith("Controller", StringComparison.Ordinal) || b.EndsWith("ControllerBase", StringComparison.Ordinal));
    }

    private static void Action(CSharpFile file, FactSink sink, string controller, string scope, MethodDeclarationSyntax action,
        bool isApi, bool conventional, bool deprecatedController, IReadOnlyList<string>? controllerVersions)
    {
        if (!action.Modifiers.Any(SyntaxKind.PublicKeyword) || action.Modifiers.Any(SyntaxKind.StaticKeyword)) return;
        var attributes = CSharpFile.Attributes(action.AttributeLists).ToList();
        if (attributes.Any(a => CSharpFile.AttributeName(a) == "NonAction")) return;
        if (!isApi && RendersView(action)) return;

        var routes = new List<(string Method, string? Template)>();
        var actionRoutes = attributes.Where(a => CSharpFile.AttributeName(a) == "Route").Select(a => Template(file, a)).ToList();
        foreach (var attribute in attributes)
        {
            var attributeName = CSharpFile.AttributeName(attribute);
            if (Verbs.TryGetValue(attributeName, out var verb))
            {
                var template = Template(file, attribute);
                if (template is null && actionRoutes.Count > 0) routes.AddRange(actionRoutes.Select(r => (verb, r)));
                else routes.Add((verb, template));
            }
            else if (attributeName == "AcceptVerbs")
            {
                var verbs = attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null).Select(a => file.Constants.Known(a.Expression)).OfType<string>() ?? [];
                var template = (CSharpFile.Argument(attribute, 99, "Route")?.Expression is { } r ? file.Constants.Known(r) : null) ?? actionRoutes.FirstOrDefault();
                routes.AddRange(verbs.Select(v => (v.ToUpperInvariant(), template)));
            }
        }
        if (routes.Count == 0 && actionRoutes.Count > 0) routes.AddRange(actionRoutes.Select(r => (GuessVerb(action.Identifier.ValueText), r)));
        var lowConfidence = false;
        // [HttpPost] without a template only constrains the verb: the action of a conventionally routed controller keeps its conventional route.
        if (conventional && actionRoutes.Count == 0 && routes.Count > 0 && routes.All(r => r.Template is null))
        {
            routes = routes.Select(r => (r.Method, (string?)ConventionalTemplate)).ToList();
            lowConfidence = true;
        }

        var actionName = action.Identifier.ValueText.EndsWith("Async", StringComparison.Ordinal) ? action.Identifier.ValueText[..^5] : action.Identifier.ValueText;
        var tokens = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["action"] = actionName, ["controller"] = ControllerToken(controller) };
        if (routes.Count == 0)
        {
            if (!conventional) return;
            // No attribute route anywhere: reached through MapControllerRoute's template, which lives in Program.cs.
            routes.Add((GuessVerb(action.Identifier.ValueText), ConventionalTemplate));
            lowConfidence = true;
        }

        var responses = HandlerContracts.Merge(HandlerContracts.FromReturnType(action.ReturnType).Concat(HandlerContracts.FromAttributes(action.AttributeLists)));
        var deprecated = deprecatedController || attributes.Any(a => CSharpFile.AttributeName(a) == "Obsolete");
        var mapped = Versions(attributes, "MapToApiVersion");
        foreach (var (method, template) in routes)
        {
            var path = template ?? "";
            var absolute = path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith('/');
            var routeTemplate = absolute ? "/" + path.TrimStart('~', '/') : path;
            var (parameters, body) = HandlerContracts.Parameters(action.ParameterList, method, routeTemplate, inferBodyForComplexTypes: true);
            sink.Endpoints.Add(new EndpointFact
            {
                Method = method,
                Path = routeTemplate,
                Source = EndpointSources.Code,
                Framework = MinimalApis.Framework,
                Line = file.Line(action.Identifier),
                Scope = absolute ? null : scope,
                RouteTokens = tokens,
                OperationId = NamedRoute(file, attributes) ?? actionName,
                Parameters = parameters,
                RequestBody = body,
                Responses = responses,
                Deprecated = deprecated,
                Versions = mapped ?? controllerVersions,
                Handler = $"{controller}.{action.Identifier.ValueText}",
                Confidence = lowConfidence ? 0.5 : null,
                Note = lowConfidence ? "conventional route: the MapControllerRoute template decides the path" : null,
            });
        }
    }

    /// <summary>The default <c>{controller}/{action}</c> route of MapControllerRoute, as an attribute template.</summary>
    private const string ConventionalTemplate = "/[controller]/[action]";

    private static string ControllerToken(string className) =>
        className.EndsWith("Controller", StringComparison.Ordinal) && className.Length > "Controller".Length ? className[..^"Controller".Length] : className;

    private static string GuessVerb(string actionName) =>
        new[] { "Post", "Create", "Add" }.Any(p => actionName.StartsWith(p, StringComparison.Ordinal)) ? "POST"
        : new[] { "Put", "Update" }.Any(p => actionName.StartsWith(p, StringComparison.Ordinal)) ? "PUT"
        : new[] { "Delete", "Remove" }.Any(p => actionName.StartsWith(p, StringComparison.Ordinal)) ? "DELETE"
        : "GET";

    private static bool RendersView(MethodDeclarationSyntax action) =>
        action.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => CSharpFile.InvokedName(i) is "View" or "PartialView" or "ViewComponent")
        || TypeSchemas.SimpleName(action.ReturnType) is "ViewResult" or "PartialViewResult" or "Task<ViewResult>";

    /// <summary>The template of a [Route("...")] / [HttpGet("...")] attribute (first argument or Template =), or null when absent.</summary>
    private static string? Template(CSharpFile file, AttributeSyntax attribute)
    {
        var argument = CSharpFile.Argument(attribute, 0, "Template");
        if (argument is null || argument.NameEquals is { Name.Identifier.ValueText: "Name" or "Order" }) return null;
        return file.Constants.Evaluate(argument.Expression).Text;
    }

    private static string? NamedRoute(CSharpFile file, IEnumerable<AttributeSyntax> attributes) =>
        attributes.Select(a => a.ArgumentList?.Arguments.FirstOrDefault(arg => arg.NameEquals?.Name.Identifier.ValueText == "Name"))
            .Where(a => a is not null).Select(a => file.Constants.Known(a!.Expression)).FirstOrDefault(n => n is not null);

    private static IReadOnlyList<string>? Versions(IEnumerable<AttributeSyntax> attributes, string attributeName)
    {
        var versions = attributes.Where(a => CSharpFile.AttributeName(a) == attributeName)
            .Select(a => CSharpFile.Argument(a, 0)?.Expression.ToString().Trim('"'))
            .OfType<string>()
            .Select(v => v.Contains('.') ? v : v + ".0")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        return versions.Count == 0 ? null : versions;
    }
}
