using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

internal enum DeclarationKind { Local, Parameter, Member, PrimaryParameter }

/// <summary>Where a simple name is declared, with its written type and initial value when the syntax shows them.</summary>
internal sealed record Declaration(string Name, DeclarationKind Kind, TypeSyntax? Type, ExpressionSyntax? Value, SyntaxNode Node)
{
    /// <summary>The written type, or null for <c>var</c> and untyped lambda parameters.</summary>
    public TypeSyntax? WrittenType => Type is IdentifierNameSyntax { IsVar: true } ? null : Type;
}

/// <summary>
/// Name lookup by syntax alone, from a use outwards: locals declared before the use in the same member, parameters of
/// enclosing lambdas and methods, then fields, properties and primary-constructor parameters of enclosing types.
/// </summary>
internal static class Declarations
{
    /// <summary><c>x</c>, <c>this.x</c>, <c>(x)</c>, <c>x!</c> → <c>x</c>; anything else → null.</summary>
    public static string? SimpleName(ExpressionSyntax expression) => Strip(expression) switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Removes parentheses, <c>!</c>, <c>await</c> and <c>ConfigureAwait</c>, which do not change what a value is.</summary>
    public static ExpressionSyntax Strip(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized: expression = parenthesized.Expression; continue;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang: expression = bang.Operand; continue;
                case AwaitExpressionSyntax awaited: expression = awaited.Expression; continue;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member }: expression = member.Expression; continue;
                default: return expression;
            }
        }
    }

    /// <summary>The member whose body holds the locals visible at a node: a method, accessor, or the top-level statements.</summary>
    public static SyntaxNode? Body(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax
            or FieldDeclarationSyntax or GlobalStatementSyntax);

    /// <summary>
    /// Memo of each body's nodes: readers look for calls or assignments in the same body many times otherwise. Keyed by
    /// immutable syntax nodes and dropped with their tree, so it changes no result.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, SyntaxNode[]> BodyCache = new();

    /// <summary>Nodes of the body a node sits in; top-level statements span every global statement of the file.</summary>
    public static IReadOnlyList<SyntaxNode> BodyNodes(SyntaxNode node)
    {
        var body = Body(node);
        if (body is GlobalStatementSyntax { Parent: CompilationUnitSyntax unit })
            return BodyCache.GetValue(unit, u => ((CompilationUnitSyntax)u).Members.OfType<GlobalStatementSyntax>().SelectMany(g => g.DescendantNodes()).ToArray());
        return body is null ? [] : BodyCache.GetValue(body, b => b.DescendantNodes().ToArray());
    }

    /// <summary>
    /// True when a node is one of <see cref="BodyNodes"/> of <paramref name="body"/>: inside it, or for top-level statements,
    /// inside any of the file's global statements. Lets a lookup start from the file's declarations of a name
    /// (<see cref="CSharpFile.Declarators"/>) instead of walking the body.
    /// </summary>
    private static bool InBody(SyntaxNode node, SyntaxNode body) =>
        body is GlobalStatementSyntax ? Body(node) is GlobalStatementSyntax : body.Span.Contains(node.Span) && node != body;

    public static Declaration? Find(CSharpFile file, SyntaxNode use, string name)
    {
        var body = Body(use);
        var local = body is null ? null
            : file.Declarators.GetValueOrDefault(name)?.LastOrDefault(v => v.SpanStart < use.SpanStart && InBody(v, body));
        if (local is not null)
            return new Declaration(name, DeclarationKind.Local, (local.Parent as VariableDeclarationSyntax)?.Type, local.Initializer?.Value, local);
        foreach (var ancestor in use.Ancestors())
        {
            var parameters = ancestor switch
            {
                BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
                LocalFunctionStatementSyntax function => function.ParameterList.Parameters,
                ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
                SimpleLambdaExpressionSyntax lambda => SyntaxFactory.SeparatedList([lambda.Parameter]),
                AnonymousMethodExpressionSyntax { ParameterList: { } list } => list.Parameters,
                _ => default,
            };
            var parameter = parameters.FirstOrDefault(p => p.Identifier.ValueText == name);
            if (parameter is not null) return new Declaration(name, DeclarationKind.Parameter, parameter.Type, parameter.Default?.Value, parameter);
            if (ancestor is TypeDeclarationSyntax type && Member(type, name) is { } member) return member;
        }
        return null;
    }

    private static Declaration? Member(TypeDeclarationSyntax type, string name)
    {
        foreach (var member in type.Members)
        {
            switch (member)
            {
                case FieldDeclarationSyntax field when field.Declaration.Variables.FirstOrDefault(v => v.Identifier.ValueText == name) is { } variable:
                    return new Declaration(name, DeclarationKind.Member, field.Declaration.Type, variable.Initializer?.Value, variable);
                case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                    return new Declaration(name, DeclarationKind.Member, property.Type, property.Initializer?.Value ?? property.ExpressionBody?.Expression, property);
            }
        }
        var primary = type.ParameterList?.Parameters.FirstOrDefault(p => p.Identifier.ValueText == name);
        return primary is null ? null : new Declaration(name, DeclarationKind.PrimaryParameter, primary.Type, null, primary);
    }

    /// <summary>
    /// The value a local holds just before <paramref name="use"/>, as the in-tree parts it concatenates: its initializer
    /// or last plain assignment, followed by what <c>x += e</c> appended since. Null when it is not a local with a written value.
    /// </summary>
    public static IReadOnlyList<ExpressionSyntax>? LocalValue(CSharpFile file, SyntaxNode use, string name)
    {
        // The file's declarators and assignments of the name, kept to those in the body the use sits in.
        var body = Body(use);
        if (body is null) return null;
        SyntaxNode? last = null;
        foreach (var declarator in file.Declarators.GetValueOrDefault(name) ?? [])
            if (declarator.SpanStart < use.SpanStart && InBody(declarator, body) && (last is null || declarator.SpanStart > last.SpanStart)) last = declarator;
        foreach (var assignment in file.Assignments.GetValueOrDefault(name) ?? [])
            if (assignment.SpanStart < use.SpanStart && !assignment.Span.Contains(use.Span) && InBody(assignment, body)
                && (last is null || assignment.SpanStart > last.SpanStart)) last = assignment;
        return last switch
        {
            VariableDeclaratorSyntax { Initializer.Value: var value } => [value],
            AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) => [assignment.Right],
            AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.AddAssignmentExpression) && LocalValue(file, assignment, name) is { } previous =>
                [.. previous, assignment.Right],
            _ => null,
        };
    }

    /// <summary>True when the type is a type parameter of an enclosing method or type (<c>T</c> of <c>GetJson&lt;T&gt;</c>).</summary>
    public static bool IsTypeParameter(SyntaxNode at, TypeSyntax type)
    {
        if (type is not IdentifierNameSyntax identifier) return false;
        var name = identifier.Identifier.ValueText;
        foreach (var ancestor in at.AncestorsAndSelf())
        {
            var list = ancestor switch
            {
                MethodDeclarationSyntax method => method.TypeParameterList,
                LocalFunctionStatementSyntax function => function.TypeParameterList,
                TypeDeclarationSyntax declaration => declaration.TypeParameterList,
                _ => null,
            };
            if (list?.Parameters.Any(p => p.Identifier.ValueText == name) == true) return true;
        }
        return false;
    }
}
