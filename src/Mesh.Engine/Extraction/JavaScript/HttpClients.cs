using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// The HTTP clients a file can call through: the modules it imports (axios, ky, superagent), instances it creates
/// (<c>axios.create({ baseURL })</c>, <c>ky.create({ prefixUrl })</c>) and Angular <c>HttpClient</c> fields.
/// </summary>
internal sealed class HttpClients
{
    public HttpClients(JsFile file)
    {
        foreach (var (local, import) in file.Imports)
        {
            var client = import.Module switch
            {
                "axios" when import.Export is "default" or "*" => "axios",
                "ky" or "ky-universal" when import.Export is "default" => "ky",
                "superagent" when import.Export is "default" or "*" => "superagent",
                _ => null,
            };
            if (client is not null) Modules[local] = client;
        }
        if (!file.Imports.ContainsKey("axios")) Modules.TryAdd("axios", "axios");
        foreach (var call in file.Calls) ReadInstance(file, call);
        foreach (var type in file.Classes) ReadAngularFields(type);
    }

    /// <summary>Local name → client module (<c>axios</c>, <c>ky</c>, <c>superagent</c>).</summary>
    public Dictionary<string, string> Modules { get; } = new(StringComparer.Ordinal);

    /// <summary>Instance name (<c>api</c>, or <c>this.api</c>'s <c>api</c>) → client and base hint.</summary>
    public Dictionary<string, (string Client, string? BaseHint)> Instances { get; } = new(StringComparer.Ordinal);

    /// <summary>Fields holding an Angular <c>HttpClient</c>.</summary>
    public HashSet<string> AngularFields { get; } = new(StringComparer.Ordinal);

    private void ReadInstance(JsFile file, Node call)
    {
        if (call.ChildByFieldName("function") is not { Type: "member_expression" } callee
            || callee.ChildByFieldName("object") is not { Type: "identifier" } owner
            || !Modules.TryGetValue(owner.Text(), out var client)
            || callee.ChildByFieldName("property")?.Text() is not ("create" or "extend"))
            return;
        var name = call.Parent switch
        {
            { Type: "variable_declarator" } declarator => declarator.ChildByFieldName("name") is { Type: "identifier" } id ? id.Text() : null,
            { Type: "assignment_expression" } assignment => assignment.ChildByFieldName("left") is { Type: "member_expression" } left ? left.ChildByFieldName("property")?.Text() : null,
            { Type: "public_field_definition" } field => field.ChildByFieldName("name")?.Text(),
            _ => null,
        };
        if (name is null) return;
        string? hint = null;
        if (JsFile.Argument(call, 0) is { Type: "object" } options && (JsFile.Property(options, "baseURL") ?? JsFile.Property(options, "prefixUrl") ?? JsFile.Property(options, "baseUrl")) is { } baseUrl)
        {
            var value = file.Strings.Evaluate(baseUrl);
            hint = value.BaseHint ?? (value.Complete ? value.Text : null);
        }
        Instances[name] = (client, hint);
    }

    private void ReadAngularFields(Node type)
    {
        if (type.ChildByFieldName("body") is not { } body) return;
        foreach (var member in body.NamedChildren)
        {
            if (member.Type == "method_definition" && member.ChildByFieldName("name")?.Text() == "constructor")
            {
                foreach (var parameter in JsFile.Parameters(member))
                    if (parameter.ChildByFieldName("type") is { } t && IsHttpClient(t) && JsFile.ParameterName(parameter) is { } name)
                        AngularFields.Add(name);
            }
            else if (member.Type == "public_field_definition" && member.ChildByFieldName("name")?.Text() is { } field)
            {
                if (member.ChildByFieldName("type") is { } t && IsHttpClient(t)) AngularFields.Add(field);
                else if (member.ChildByFieldName("value") is { Type: "call_expression" } value && value.ChildByFieldName("function")?.Text() == "inject"
                         && JsFile.Argument(value, 0)?.Text() == "HttpClient")
                    AngularFields.Add(field);
            }
        }
    }

    /// <summary>
    /// Instances with a base this file exports (<c>export default api</c>, <c>export const api = axios.create(...)</c>,
    /// <c>module.exports = api</c>): the scope <c>export:name</c> that importing files' calls name as <c>js:module@name</c>.
    /// </summary>
    public IEnumerable<(string Scope, string BaseHint, int Line)> ExportedBases(JsFile file)
    {
        foreach (var statement in file.TopLevel)
        {
            if (statement.Type == "export_statement")
            {
                if (statement.ChildByFieldName("value") is { Type: "identifier" } value && Base(value.Text()) is { } hint)
                    yield return ("export:default", hint, statement.Start.Line);
                else if (statement.ChildByFieldName("declaration") is { } declaration)
                    foreach (var declarator in declaration.NamedChildren.Where(d => d.Type == "variable_declarator"))
                        if (declarator.ChildByFieldName("name")?.Text() is { } name && Base(name) is { } named)
                            yield return ("export:" + name, named, statement.Start.Line);
            }
            else if (statement.Type == "expression_statement" && statement.NamedChildCount > 0 && statement.NamedChild(0) is { Type: "assignment_expression" } assignment
                     && assignment.ChildByFieldName("left")?.Text() == "module.exports" && assignment.ChildByFieldName("right") is { Type: "identifier" } right
                     && Base(right.Text()) is { } exported)
                yield return ("export:default", exported, statement.Start.Line);
        }
    }

    private string? Base(string instance) => Instances.TryGetValue(instance, out var found) ? found.BaseHint : null;

    private static bool IsHttpClient(Node type) => type.Text().TrimStart(':', ' ') == "HttpClient";
}
