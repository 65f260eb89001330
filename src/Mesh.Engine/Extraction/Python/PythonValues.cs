using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// What a module offers other modules to read (<see cref="ValueFact"/>): its string constants, the defaults of its
/// classes' fields (pydantic <c>BaseSettings</c> and <c>BaseModel</c>, dataclasses, plain class attributes), the class
/// an instance is made of (<c>settings = Settings()</c>, with keyword arguments overriding defaults), what a function
/// returns when it returns one (<c>@lru_cache def get_settings(): return Settings()</c>), what an imported or aliased
/// name stands for, the bases a class inherits fields from, and FastAPI dependency aliases
/// (<c>SessionDep = Annotated[Session, Depends(get_db)]</c>).
/// </summary>
internal static class PythonValues
{
    private static readonly HashSet<string> FieldFactories = ["Field", "field", "attrib", "attr.ib"];
    private static readonly HashSet<string> DependencyMarkers = ["Depends", "Security"];

    public static void Read(PythonFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var (name, import) in file.Imports)
            sink.Values.Add(new ValueFact(name, null, import.Name is null ? $"py:{import.Module}@" : $"py:{import.Module}@{import.Name}", 0));
        foreach (var module in file.StarImports)
            sink.Values.Add(new ValueFact("*", null, $"py:{module}@", 0));
        foreach (var statement in file.TopLevel)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var definition = statement.Type == "decorated_definition" && statement.ChildByFieldName("definition") is { } d ? d : statement;
            switch (definition.Type)
            {
                case "expression_statement" when definition.NamedChildCount == 1 && definition.NamedChild(0) is { Type: "assignment" } assignment
                                                 && assignment.ChildByFieldName("left") is { Type: "identifier" } left
                                                 && assignment.ChildByFieldName("right") is { } right:
                    Bind(file, sink, left.Text(), right);
                    break;
                case "class_definition":
                    Class(file, sink, definition);
                    break;
                case "function_definition":
                    Returns(file, sink, definition);
                    break;
            }
        }
    }

    /// <summary><c>name = value</c> at module level or in a class body: a text, an instance, an alias, or a dependency.</summary>
    private static void Bind(PythonFile file, FactSink sink, string name, Node value)
    {
        var line = PythonFile.Line(value);
        if (IsDependencyAlias(value))
        {
            sink.Values.Add(new ValueFact(name, null, null, line, Injected: true));
            return;
        }
        if (value.Type is "identifier" or "attribute")
        {
            if (PythonStrings.Evaluate(file, value) is { Complete: true } constant)
                sink.Values.Add(new ValueFact(name, constant.Text, null, line));
            else if (PythonFile.Dotted(value) is { } dotted && Reference(file, value, dotted) is { } alias)
                sink.Values.Add(new ValueFact(name, null, alias, line));
            return;
        }
        if (value.Type is "string" or "concatenated_string" or "binary_operator" or "parenthesized_expression" or "call"
            && PythonStrings.Evaluate(file, value) is { Known: true } text)
        {
            sink.Values.Add(new ValueFact(name, text.Text, null, line));
            return;
        }
        if (value.Type == "call" && value.ChildByFieldName("function") is { } callee && PythonFile.Dotted(callee) is { } calleeName
            && Reference(file, callee, calleeName) is { } made)
        {
            // An instance, or what a function returns: its attributes are the class's, keyword arguments first.
            sink.Values.Add(new ValueFact(name, null, made + "()", line));
            foreach (var argument in value.ChildByFieldName("arguments")?.NamedChildren ?? [])
                if (argument.Type == "keyword_argument" && argument.ChildByFieldName("name") is { } keyword && argument.ChildByFieldName("value") is { } given)
                    Bind(file, sink, $"{name}.{keyword.Text()}", given);
        }
    }

    /// <summary>A class's field defaults (<c>Field(default=...)</c>, <c>field(default=...)</c> too) and the bases it inherits them from.</summary>
    private static void Class(PythonFile file, FactSink sink, Node @class)
    {
        var name = @class.ChildByFieldName("name")!.Value.Text();
        foreach (var @base in @class.ChildByFieldName("superclasses")?.NamedChildren ?? [])
            if (@base.Type is "identifier" or "attribute" && PythonFile.Dotted(@base) is { } dotted && Reference(file, @base, dotted) is { } alias)
                sink.Values.Add(new ValueFact(name, null, alias, PythonFile.Line(@base)));
        foreach (var (field, _, value) in PydanticModels.Fields(@class))
        {
            if (value is not { } v) continue;
            if (v.Type == "call" && PythonFile.CalleeName(v) is { } factory && FieldFactories.Contains(factory))
            {
                var arguments = v.ChildByFieldName("arguments");
                var @default = PythonFile.Keyword(arguments, "default") ?? PythonFile.Positional(arguments).FirstOrDefault();
                if (@default is { Tree: not null } given && given.Type != "ellipsis") Bind(file, sink, $"{name}.{field}", given);
            }
            else Bind(file, sink, $"{name}.{field}", v);
        }
    }

    /// <summary><c>def get_settings(): return Settings()</c>: what the call gives, named <c>get_settings()</c>.</summary>
    private static void Returns(PythonFile file, FactSink sink, Node function)
    {
        if (function.ChildByFieldName("body") is not { } body) return;
        var returned = body.NamedChildren.Where(s => s.Type == "return_statement" && s.NamedChildCount == 1).Select(s => s.NamedChild(0)).ToList();
        if (returned.Count != 1 || returned[0].Type != "call") return;
        Bind(file, sink, function.ChildByFieldName("name")!.Value.Text() + "()", returned[0]);
    }

    /// <summary>The symbol a name denotes: an import, or a module-level name or class of this file.</summary>
    private static string? Reference(PythonFile file, Node node, IReadOnlyList<string> dotted)
    {
        if (dotted.Count == 1)
        {
            var root = dotted[0];
            if (file.Imports.TryGetValue(root, out var import)) return import.Name is null ? $"py:{import.Module}@" : $"py:{import.Module}@{import.Name}";
            return file.Assignments.ContainsKey(root) || file.Classes.ContainsKey(root) || file.Functions.ContainsKey(root) ? "@" + root : null;
        }
        return PythonStrings.Symbol(file, node, dotted);
    }

    /// <summary><c>Annotated[T, Depends(...)]</c> (or <c>Security</c>) as a value.</summary>
    private static bool IsDependencyAlias(Node value) =>
        value.Type == "subscript" && value.ChildByFieldName("value") is { } head && PythonFile.Dotted(head) is { } parts && parts[^1] == "Annotated"
        && value.NamedChildren.Skip(1).Any(m => m.Type == "call" && PythonFile.CalleeName(m) is { } c && DependencyMarkers.Contains(c));
}
