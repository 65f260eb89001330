using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// Text of a string expression as far as syntax can tell. <see cref="Unresolved"/> says why part of it is unknown;
/// unknown parts are written as <c>{name}</c> holes, so a URL keeps its shape (<c>/orders/{id}</c>).
/// </summary>
public sealed record TextValue(string Text, string? Unresolved = null)
{
    public bool Complete => Unresolved is null;
}

/// <summary>
/// Evaluates string expressions of one file: literals, <c>const</c> and <c>static readonly</c> string fields (by simple
/// or qualified name), interpolation, concatenation, <c>string.Format</c>, <c>nameof</c>, <c>new Uri(...)</c>, <c>a ?? b</c> (as a), and small
/// expression-bodied helpers without parameters. Values from other files are not seen here (a resolver concern).
/// </summary>
public sealed class CSharpConstants
{
    private const int MaxDepth = 16;
    private readonly Dictionary<string, ExpressionSyntax> _fields = new(StringComparer.Ordinal);

    public CSharpConstants(CSharpFile file)
    {
        foreach (var field in file.Fields)
        {
            var modifiers = field.Modifiers;
            // A readonly field (static or not) keeps its initializer unless a constructor assigns it.
            var isConstant = modifiers.Any(SyntaxKind.ConstKeyword) || modifiers.Any(SyntaxKind.ReadOnlyKeyword);
            if (!isConstant) continue;
            var type = field.Parent as TypeDeclarationSyntax;
            foreach (var variable in field.Declaration.Variables)
            {
                if (variable.Initializer is null) continue;
                var name = variable.Identifier.ValueText;
                if (!modifiers.Any(SyntaxKind.ConstKeyword) && type is not null && IsAssignedInConstructor(type, name)) continue;
                _fields.TryAdd(name, variable.Initializer.Value);
                if (type is not null) _fields.TryAdd($"{type.Identifier.ValueText}.{name}", variable.Initializer.Value);
            }
        }
        foreach (var property in file.Properties)
        {
            var value = property.ExpressionBody?.Expression ?? property.Initializer?.Value;
            if (value is null || !property.Modifiers.Any(SyntaxKind.StaticKeyword) && property.Initializer is null) continue;
            _fields.TryAdd(property.Identifier.ValueText, value);
            if (property.Parent is TypeDeclarationSyntax type) _fields.TryAdd($"{type.Identifier.ValueText}.{property.Identifier.ValueText}", value);
        }
    }

    private static bool IsAssignedInConstructor(TypeDeclarationSyntax type, string name) =>
        type.Members.OfType<ConstructorDeclarationSyntax>().Any(c => c.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Any(a => a.Left is IdentifierNameSyntax id && id.Identifier.ValueText == name
                || a.Left is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } m && m.Name.Identifier.ValueText == name));

    public TextValue Evaluate(ExpressionSyntax expression) => Evaluate(expression, 0);

    /// <summary>The text when fully known, else null.</summary>
    public string? Known(ExpressionSyntax? expression) => expression is null ? null : Evaluate(expression) is { Complete: true } v ? v.Text : null;

    private TextValue Evaluate(ExpressionSyntax expression, int depth)
    {
        if (depth > MaxDepth) return Hole(expression, "expression too deep");
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return new TextValue(literal.Token.ValueText);
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                return new TextValue(literal.Token.ValueText);
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.Utf8StringLiteralExpression):
                return new TextValue(literal.Token.ValueText);
            case ParenthesizedExpressionSyntax parenthesized:
                return Evaluate(parenthesized.Expression, depth + 1);
            case InterpolatedStringExpressionSyntax interpolated:
                return Interpolation(interpolated, depth);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return Concatenation(binary, depth);
            case IdentifierNameSyntax identifier:
                return Field(identifier.Identifier.ValueText, expression, depth);
            case MemberAccessExpressionSyntax member:
                return Member(member, depth);
            case InvocationExpressionSyntax invocation:
                return Invocation(invocation, depth);
            case ObjectCreationExpressionSyntax { Type: var type, ArgumentList.Arguments: { Count: > 0 } args } when IsUri(type):
                return UriValue(args, depth);
            case ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } args }:
                return UriValue(args, depth);
            case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression):
                return Evaluate(coalesce.Left, depth + 1);
            case CastExpressionSyntax cast:
                return Evaluate(cast.Expression, depth + 1);
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang:
                return Evaluate(bang.Operand, depth + 1);
            default:
                return Hole(expression, "dynamic value");
        }
    }

    /// <summary>a + b + c parses left-deep; its operands are walked in a loop so a long chain does not count as depth.</summary>
    private TextValue Concatenation(BinaryExpressionSyntax binary, int depth)
    {
        var operands = new Stack<ExpressionSyntax>();
        ExpressionSyntax left = binary;
        while (left is BinaryExpressionSyntax add && add.IsKind(SyntaxKind.AddExpression))
        {
            operands.Push(add.Right);
            left = add.Left;
        }
        operands.Push(left);
        var text = new StringBuilder();
        string? unresolved = null;
        while (operands.Count > 0)
        {
            var value = Evaluate(operands.Pop(), depth + 1);
            text.Append(value.Text);
            unresolved ??= value.Unresolved;
        }
        return new TextValue(text.ToString(), unresolved);
    }

    private static bool IsUri(TypeSyntax type) => type.ToString() is "Uri" or "System.Uri";

    private TextValue UriValue(SeparatedSyntaxList<ArgumentSyntax> args, int depth)
    {
        var first = Evaluate(args[0].Expression, depth + 1);
        // new Uri(baseUri, relative): the relative part is what identifies the endpoint; new Uri(text, UriKind.X) is just the text.
        if (args.Count >= 2 && !args[1].Expression.ToString().StartsWith("UriKind.", StringComparison.Ordinal))
            return Join(first, Evaluate(args[1].Expression, depth + 1));
        return first;
    }

    private TextValue Field(string name, ExpressionSyntax expression, int depth) =>
        _fields.TryGetValue(name, out var value) ? Evaluate(value, depth + 1) : Hole(expression, $"'{name}' is not a constant of this file");

    private TextValue Member(MemberAccessExpressionSyntax member, int depth)
    {
        var name = member.Name.Identifier.ValueText;
        if (member.Expression is IdentifierNameSyntax owner && _fields.TryGetValue($"{owner.Identifier.ValueText}.{name}", out var value))
            return Evaluate(value, depth + 1);
        if (member.Expression is ThisExpressionSyntax && _fields.TryGetValue(name, out value))
            return Evaluate(value, depth + 1);
        if (member.Expression.ToString() is "string" or "String" && name == "Empty") return new TextValue("");
        return Hole(member, $"'{member}' is not a constant of this file");
    }

    private TextValue Invocation(InvocationExpressionSyntax invocation, int depth)
    {
        var name = CSharpFile.InvokedName(invocation);
        var args = invocation.ArgumentList.Arguments;
        if (name == "nameof" && args.Count == 1)
            return new TextValue(args[0].Expression is MemberAccessExpressionSyntax m ? m.Name.Identifier.ValueText : args[0].Expression.ToString());
        if (name == "Format" && args.Count >= 1 && CSharpFile.Receiver(invocation)?.ToString() is "string" or "String")
            return Format(args, depth);
        if (name is "Concat" && CSharpFile.Receiver(invocation)?.ToString() is "string" or "String")
            return args.Select(a => Evaluate(a.Expression, depth + 1)).Aggregate(new TextValue(""), Join);
        // Trimming keeps the shape of a URL part (a join puts its own '/' back).
        if (name is "ToString" or "ToLowerInvariant" or "Trim" or "TrimEnd" or "TrimStart" && CSharpFile.Receiver(invocation) is { } receiver)
            return Evaluate(receiver, depth + 1);
        return Hole(invocation, "value computed at run time");
    }

    private TextValue Format(SeparatedSyntaxList<ArgumentSyntax> args, int depth)
    {
        var format = Evaluate(args[0].Expression, depth + 1);
        if (!format.Complete) return format;
        var text = new StringBuilder();
        string? unresolved = null;
        var pattern = format.Text;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '{' && i + 1 < pattern.Length && pattern[i + 1] == '{') { text.Append('{'); i++; continue; }
            if (pattern[i] == '}' && i + 1 < pattern.Length && pattern[i + 1] == '}') { text.Append('}'); i++; continue; }
            if (pattern[i] != '{') { text.Append(pattern[i]); continue; }
            var end = pattern.IndexOf('}', i);
            if (end < 0) { text.Append(pattern[i..]); break; }
            var spec = pattern[(i + 1)..end];
            var digits = spec.Split(',', ':')[0];
            if (int.TryParse(digits, out var index) && index + 1 < args.Count)
            {
                var value = Evaluate(args[index + 1].Expression, depth + 1);
                text.Append(value.Text);
                unresolved ??= value.Unresolved;
            }
            else
            {
                text.Append('{').Append(spec).Append('}');
            }
            i = end;
        }
        return new TextValue(text.ToString(), unresolved);
    }

    private TextValue Interpolation(InterpolatedStringExpressionSyntax interpolated, int depth)
    {
        var text = new StringBuilder();
        string? unresolved = null;
        foreach (var content in interpolated.Contents)
        {
            switch (content)
            {
                case InterpolatedStringTextSyntax part:
                    text.Append(part.TextToken.ValueText);
                    break;
                case InterpolationSyntax hole:
                    var value = Evaluate(hole.Expression, depth + 1);
                    text.Append(value.Text);
                    unresolved ??= value.Unresolved;
                    break;
            }
        }
        return new TextValue(text.ToString(), unresolved);
    }

    private static TextValue Join(TextValue left, TextValue right) => new(left.Text + right.Text, left.Unresolved ?? right.Unresolved);

    /// <summary>An unknown part, written as a <c>{name}</c> hole named after the expression.</summary>
    private static TextValue Hole(ExpressionSyntax expression, string reason) => new("{" + HoleName(expression) + "}", reason);

    private static string HoleName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        InvocationExpressionSyntax invocation => CSharpFile.InvokedName(invocation) ?? "value",
        ElementAccessExpressionSyntax element => HoleName(element.Expression),
        _ => "value",
    };
}
