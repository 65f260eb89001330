using System.Text.RegularExpressions;
using Mesh.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// A URL as written: text with <c>{name}</c> holes, why its shape is unknown (or null), the expression after inlining,
/// and the calls of functions of other files that stand as holes in the text.
/// </summary>
internal sealed record UrlText(string Text, string? Unresolved, ExpressionSyntax Expanded, IReadOnlyList<UrlHelperCall>? Helpers = null);

/// <summary>
/// Calls, inside one URL (or one call's arguments), of functions this file cannot see that are given URL parts: each
/// stands as a hole of its own until the resolver reads the function among the repo's URL helpers.
/// </summary>
internal sealed class HelperCalls
{
    public const string Prefix = "__url_helper_";

    private readonly List<UrlHelperCall> _calls = [];

    public IReadOnlyList<UrlHelperCall>? ToList() => _calls.Count > 0 ? _calls.ToList() : null;

    /// <summary>The hole's name for the call.</summary>
    public string Add(string function, IReadOnlyList<string> arguments)
    {
        var hole = Prefix + _calls.Count;
        _calls.Add(new UrlHelperCall(hole, function, arguments));
        return hole;
    }
}

/// <summary>
/// URL arguments of HTTP calls. Before <see cref="CSharpConstants"/> evaluates an argument, locals assigned earlier in
/// the same member and small URL-building methods of the same type are inlined, so <c>var url = $"{Base}/items"</c>
/// and <c>ItemUrl(5)</c> read like the literal they build; parameters stay as <c>{name}</c> holes.
/// </summary>
internal static partial class UrlArguments
{
    /// <summary>A <c>{hole}</c> in resolved URL text.</summary>
    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Holes();

    private const int MaxDepth = 8;

    private static readonly string[] UrlLikeNames = ["url", "uri", "path", "endpoint", "route", "resource", "address", "location"];

    public static UrlText Evaluate(CSharpFile file, ExpressionSyntax expression) => Evaluate(file, expression, new HelperCalls());

    private static UrlText Evaluate(CSharpFile file, ExpressionSyntax expression, HelperCalls calls)
    {
        var expanded = Expand(file, expression, 0, null, calls);
        var value = file.Constants.Evaluate(expanded);
        // Holes inside a known shape (/orders/{id}) are path values; a URL that starts with an unknown has no shape to match.
        var unresolved = value.Complete || !value.Text.StartsWith('{') ? null : value.Unresolved;
        if (unresolved is not null && unresolved.Contains(HelperCalls.Prefix, StringComparison.Ordinal)) unresolved = "value computed at run time";
        return new UrlText(value.Text, unresolved, expanded, calls.ToList());
    }

    /// <summary>An argument's text for a call candidate, or null when nothing of it is known (a call of a URL helper of another file may still be).</summary>
    public static string? Argument(CSharpFile file, ExpressionSyntax expression, HelperCalls calls)
    {
        if (expression is LambdaExpressionSyntax or AnonymousObjectCreationExpressionSyntax or DeclarationExpressionSyntax) return null;
        var value = Evaluate(file, expression, calls);
        return value.Unresolved is null || value.Text.Contains(HelperCalls.Prefix, StringComparison.Ordinal) ? value.Text : null;
    }

    /// <summary>
    /// What a method returns: its expression body, or the return that ends its block when it is the only one (the
    /// statements before it build locals, which inline like any other).
    /// </summary>
    public static ExpressionSyntax? Returned(MethodDeclarationSyntax method) =>
        method.ExpressionBody?.Expression
        ?? (method.Body?.Statements is [.., ReturnStatementSyntax { Expression: { } returned }]
            && method.Body.DescendantNodes().OfType<ReturnStatementSyntax>().Count() == 1 ? returned : null);

    public static bool IsUrlLike(string text) =>
        text.StartsWith('/') || text.StartsWith("http", StringComparison.OrdinalIgnoreCase) || text.Contains('/') || text.Contains('{');

    public static ExpressionSyntax Expand(CSharpFile file, ExpressionSyntax expression) => Expand(file, expression, 0, null, null);

    private static ExpressionSyntax Expand(CSharpFile file, ExpressionSyntax expression, int depth, IReadOnlyDictionary<string, ExpressionSyntax>? arguments, HelperCalls? calls) =>
        depth > MaxDepth ? expression : (ExpressionSyntax)new Expander(file, depth, arguments, calls).Visit(expression);

    /// <summary>
    /// When a URL forwards a parameter of the method it sits in (a wrapper): the parameter's index and the constant
    /// text the method puts before it. A value dropped into a path (<c>$"/orders/{id}"</c>) is not forwarding a URL.
    /// </summary>
    public static (int Index, string? Prefix)? Forwarded(CSharpFile file, ExpressionSyntax expanded, ParameterListSyntax parameters)
    {
        var url = Declarations.Strip(expanded);
        switch (url)
        {
            case ObjectCreationExpressionSyntax { ArgumentList.Arguments: [var only] }:
                return Forwarded(file, only.Expression, parameters);
            case ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments: [var only] }:
                return Forwarded(file, only.Expression, parameters);
            case IdentifierNameSyntax:
                return Parameter(url, parameters) is { } whole && IsText(whole.Parameter) ? (whole.Index, null) : null;
            case InterpolatedStringExpressionSyntax interpolated:
                for (var i = 0; i < interpolated.Contents.Count; i++)
                {
                    if (interpolated.Contents[i] is not InterpolationSyntax hole || Parameter(hole.Expression, parameters) is not { } found) continue;
                    var before = interpolated.Contents.Take(i).ToList();
                    var onlyMembers = before.All(c => c is InterpolationSyntax);
                    return Accept(found, interpolated.WithContents(List(before)), onlyMembers);
                }
                return null;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                var operands = Operands(binary).ToList();
                for (var i = 0; i < operands.Count; i++)
                {
                    if (Parameter(operands[i], parameters) is not { } found) continue;
                    if (i == 0) return IsText(found.Parameter) ? (found.Index, null) : null;
                    var prefix = operands.Take(i).Aggregate((a, b) => BinaryExpression(SyntaxKind.AddExpression, a, b));
                    return Accept(found, prefix, operands.Take(i).All(o => Declarations.Strip(o) is not LiteralExpressionSyntax));
                }
                return null;
            default:
                return null;
        }

        (int, string?)? Accept((int Index, ParameterSyntax Parameter) found, ExpressionSyntax prefix, bool onlyMembers)
        {
            if (!IsText(found.Parameter)) return null;
            var name = found.Parameter.Identifier.ValueText;
            if (!onlyMembers && !UrlLikeNames.Any(n => name.Contains(n, StringComparison.OrdinalIgnoreCase))) return null;
            var text = file.Constants.Evaluate(prefix);
            return (found.Index, text.Complete && text.Text.Length > 0 ? text.Text : null);
        }
    }

    /// <summary>The parameter an expression names, with its index.</summary>
    public static (int Index, ParameterSyntax Parameter)? Parameter(ExpressionSyntax expression, ParameterListSyntax parameters)
    {
        if (Declarations.Strip(expression) is not IdentifierNameSyntax identifier) return null;
        for (var i = 0; i < parameters.Parameters.Count; i++)
            if (parameters.Parameters[i].Identifier.ValueText == identifier.Identifier.ValueText) return (i, parameters.Parameters[i]);
        return null;
    }

    private static bool IsText(ParameterSyntax parameter) =>
        parameter.Type is null || parameter.Type.ToString().TrimEnd('?') is "string" or "String" or "Uri" or "System.Uri";

    private static IEnumerable<ExpressionSyntax> Operands(ExpressionSyntax expression)
    {
        if (Declarations.Strip(expression) is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AddExpression))
            return Operands(binary.Left).Concat(Operands(binary.Right));
        return [expression];
    }

    private static bool IsUriCreation(ExpressionSyntax expression) =>
        expression is ImplicitObjectCreationExpressionSyntax
        || expression is ObjectCreationExpressionSyntax { Type: var type } && type.ToString() is "Uri" or "System.Uri";

    /// <summary>Inlines locals and URL helpers; runs over nodes of the tree, so lookups by position stay valid.</summary>
    private sealed class Expander(CSharpFile file, int depth, IReadOnlyDictionary<string, ExpressionSyntax>? arguments, HelperCalls? calls) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
        {
            var name = node.Identifier.ValueText;
            if (arguments is not null && arguments.TryGetValue(name, out var argument)) return argument;
            if (node.IsVar || node.SyntaxTree != file.Tree) return node;
            var parts = Declarations.LocalValue(file, node, name);
            if (parts is null) return node;
            return parts.Select(p => (ExpressionSyntax)ParenthesizedExpression(Expand(file, p, depth + 1, null, calls)))
                .Aggregate((a, b) => BinaryExpression(SyntaxKind.AddExpression, a, b));
        }

        // The member name of a.b is not a variable.
        public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node) =>
            node.WithExpression((ExpressionSyntax)Visit(node.Expression));

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            if (CSharpFile.InvokedName(node) == "nameof") return node;
            if (Helper(node) is { } helper)
            {
                // An argument that is itself a name flows through (ItemUrl(itemId) → {itemId}); others leave the helper's parameter as the hole.
                var bound = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
                var args = node.ArgumentList.Arguments;
                for (var i = 0; i < Math.Min(args.Count, helper.ParameterList.Parameters.Count); i++)
                {
                    var value = (ExpressionSyntax)Visit(args[i].Expression);
                    if (Declarations.Strip(value) is IdentifierNameSyntax) bound[helper.ParameterList.Parameters[i].Identifier.ValueText] = value;
                }
                return ParenthesizedExpression(Expand(file, Returned(helper)!, depth + 1, bound, calls));
            }
            if (calls is not null && Unseen(node, calls) is { } unseen) return unseen;
            return base.VisitInvocationExpression(node);
        }

        /// <summary>Text functions the evaluator knows itself; every other call is a function it cannot read here.</summary>
        private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
        {
            "nameof", "Format", "Concat", "ToString", "ToLowerInvariant", "Trim", "TrimEnd", "TrimStart", "ConfigureAwait",
        };

        /// <summary>
        /// A call of a function this file cannot read, given a URL part (<c>UriHelper.CombineUri(baseUri, "api/items")</c>):
        /// a hole of its own, recorded with its arguments for the resolver; null for any other call.
        /// </summary>
        private IdentifierNameSyntax? Unseen(InvocationExpressionSyntax node, HelperCalls calls)
        {
            var name = CSharpFile.InvokedName(node);
            if (name is null || Known.Contains(name) || node.SyntaxTree != file.Tree || node.ArgumentList.Arguments.Count == 0) return null;
            if (CSharpFile.Receiver(node) is PredefinedTypeSyntax) return null;
            var arguments = node.ArgumentList.Arguments.Select(a => Evaluate(file, a.Expression, calls).Text).ToList();
            if (!arguments.Any(LooksLikeUrlPart)) return null;
            return IdentifierName(calls.Add(name, arguments));
        }

        /// <summary>Text that, holes aside, has a '/' or starts with a scheme.</summary>
        private static bool LooksLikeUrlPart(string text)
        {
            var literal = Holes().Replace(text, "");
            return literal.Contains('/') || literal.StartsWith("http", StringComparison.OrdinalIgnoreCase);
        }

        public override SyntaxNode? VisitObjectCreationExpression(ObjectCreationExpressionSyntax node) =>
            IsUriCreation(node) && node.ArgumentList is { } list ? UriArguments(list) ?? base.VisitObjectCreationExpression(node) : base.VisitObjectCreationExpression(node);

        public override SyntaxNode? VisitImplicitObjectCreationExpression(ImplicitObjectCreationExpressionSyntax node) =>
            UriArguments(node.ArgumentList) ?? base.VisitImplicitObjectCreationExpression(node);

        /// <summary><c>new Uri(x, UriKind.Relative)</c> is x; <c>new Uri(baseUri, "orders")</c> is "orders" when the base is unknown here.</summary>
        private ExpressionSyntax? UriArguments(ArgumentListSyntax list)
        {
            if (list.Arguments is not [var first, var second]) return null;
            if (second.Expression.ToString().StartsWith("UriKind.", StringComparison.Ordinal)) return ParenthesizedExpression((ExpressionSyntax)Visit(first.Expression));
            var baseUri = (ExpressionSyntax)Visit(first.Expression);
            return file.Constants.Evaluate(baseUri).Complete ? null : ParenthesizedExpression((ExpressionSyntax)Visit(second.Expression));
        }

        /// <summary>A method of the same type, called without a receiver (or on <c>this</c>), that returns one expression.</summary>
        private MethodDeclarationSyntax? Helper(InvocationExpressionSyntax node)
        {
            if (node.SyntaxTree != file.Tree || depth >= MaxDepth) return null;
            if (node.Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })) return null;
            var name = CSharpFile.InvokedName(node);
            var type = node.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            return type?.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Identifier.ValueText == name
                && m.ParameterList.Parameters.Count >= node.ArgumentList.Arguments.Count
                && m.ReturnType.ToString() is "string" or "string?" or "String" or "Uri" or "Uri?"
                && Returned(m) is not null);
        }
    }
}
