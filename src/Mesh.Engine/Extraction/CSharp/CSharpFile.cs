using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>One parsed C# file, shared by every reader so the text is parsed once.</summary>
public sealed class CSharpFile
{
    private readonly Lazy<CSharpConstants> _constants;

    public CSharpFile(SyntaxTree tree, string text)
    {
        Tree = tree;
        Text = text;
        Root = tree.GetCompilationUnitRoot();
        _constants = new Lazy<CSharpConstants>(() => new CSharpConstants(this), LazyThreadSafetyMode.None);
        // One walk of the tree serves every reader: walking is a large part of extraction time.
        foreach (var node in Root.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation: Invocations.Add(invocation); break;
                case MethodDeclarationSyntax method: Methods.Add(method); break;
                case BaseTypeDeclarationSyntax type: Types.Add(type); break;
                case FieldDeclarationSyntax field: Fields.Add(field); break;
                case PropertyDeclarationSyntax property: Properties.Add(property); break;
                case ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax: Creations.Add((ExpressionSyntax)node); break;
                case VariableDeclaratorSyntax declarator: Add(Declarators, declarator.Identifier.ValueText, declarator); break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment: Add(Assignments, left.Identifier.ValueText, assignment); break;
                case LocalDeclarationStatementSyntax local:
                    foreach (var variable in local.Declaration.Variables) Add(Locals, variable.Identifier.ValueText, variable);
                    break;
            }
        }
    }

    private static void Add<T>(Dictionary<string, List<T>> byName, string name, T node)
    {
        if (!byName.TryGetValue(name, out var list)) byName[name] = list = [];
        list.Add(node);
    }

    /// <summary>Every variable declarator (locals, fields, loop and using variables) by name, in source order.</summary>
    public Dictionary<string, List<VariableDeclaratorSyntax>> Declarators { get; } = new(StringComparer.Ordinal);

    /// <summary>Assignments to a plain name (<c>x = ...</c>, <c>x += ...</c>) by that name, in source order.</summary>
    public Dictionary<string, List<AssignmentExpressionSyntax>> Assignments { get; } = new(StringComparer.Ordinal);

    /// <summary>Local variable declarators by name, in source order: a lookup must not rescan a long method per use.</summary>
    public Dictionary<string, List<VariableDeclaratorSyntax>> Locals { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The last local named <paramref name="name"/> declared directly in <paramref name="scope"/> (a block, switch section or
    /// the top-level statements) before <paramref name="position"/>.
    /// </summary>
    public VariableDeclaratorSyntax? LocalIn(SyntaxNode scope, string name, int position)
    {
        if (!Locals.TryGetValue(name, out var declarators)) return null;
        for (var i = declarators.Count - 1; i >= 0; i--)
        {
            var declarator = declarators[i];
            if (declarator.SpanStart >= position) continue;
            var statement = declarator.Parent?.Parent;
            var container = statement?.Parent is GlobalStatementSyntax global ? global.Parent : statement?.Parent;
            if (container == scope) return declarator;
        }
        return null;
    }

    public SyntaxTree Tree { get; }
    public string Text { get; }
    public CompilationUnitSyntax Root { get; }
    public CSharpConstants Constants => _constants.Value;

    public List<InvocationExpressionSyntax> Invocations { get; } = [];
    public List<MethodDeclarationSyntax> Methods { get; } = [];
    public List<BaseTypeDeclarationSyntax> Types { get; } = [];
    public List<FieldDeclarationSyntax> Fields { get; } = [];
    public List<PropertyDeclarationSyntax> Properties { get; } = [];
    /// <summary><c>new X(...)</c> and target-typed <c>new(...)</c> expressions.</summary>
    public List<ExpressionSyntax> Creations { get; } = [];

    /// <summary>1-based line where a node starts (its first token, not leading trivia or attributes' comments).</summary>
    public int Line(SyntaxNode node) => Tree.GetLineSpan(node.Span).StartLinePosition.Line + 1;

    public int Line(SyntaxToken token) => Tree.GetLineSpan(token.Span).StartLinePosition.Line + 1;

    /// <summary>The simple name of an invoked member: <c>Foo</c> of <c>x.Foo&lt;T&gt;(...)</c> or <c>Foo(...)</c>.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The token naming the invoked member (<c>GetAsync</c> of <c>client.GetAsync(...)</c>): where a call "is" for line numbers.</summary>
    public static SyntaxToken NameToken(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier,
        SimpleNameSyntax simple => simple.Identifier,
        _ => invocation.GetFirstToken(),
    };

    /// <summary>The receiver of <c>x.Foo(...)</c>, or null for a call without one.</summary>
    public static ExpressionSyntax? Receiver(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax member ? member.Expression : null;

    /// <summary>Type arguments written on the invoked member (<c>GetFromJsonAsync&lt;Order&gt;</c>).</summary>
    public static IReadOnlyList<TypeSyntax> TypeArguments(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList.Arguments,
        GenericNameSyntax generic => generic.TypeArgumentList.Arguments,
        _ => [],
    };

    /// <summary>An attribute's name without the <c>Attribute</c> suffix and namespace: <c>HttpGet</c>.</summary>
    public static string AttributeName(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    public static IEnumerable<AttributeSyntax> Attributes(SyntaxList<AttributeListSyntax> lists) => lists.SelectMany(l => l.Attributes);

    /// <summary>The first positional argument of an attribute, or the named one.</summary>
    public static AttributeArgumentSyntax? Argument(AttributeSyntax attribute, int position, string? name = null)
    {
        var arguments = attribute.ArgumentList?.Arguments ?? default;
        if (name is not null)
        {
            var named = arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name || a.NameColon?.Name.Identifier.ValueText == name);
            if (named is not null) return named;
        }
        var positional = arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        return position < positional.Count ? positional[position] : null;
    }

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Preview, DocumentationMode.None, SourceCodeKind.Regular);
}
