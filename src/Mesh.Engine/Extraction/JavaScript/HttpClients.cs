using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// The HTTP clients a file can call through: the modules it imports (axios, ky, superagent), instances it creates
/// (<c>axios.create({ baseURL })</c>, <c>ky.create({ prefixUrl })</c>, <c>superagentPromise(superagent, Promise)</c>) and Angular <c>HttpClient</c> fields
/// (patterns in <c>HttpClients.scm</c> and, for TypeScript, <c>HttpClients.TypeScript.scm</c>).
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
        Read(file, file.Matches("JavaScript/HttpClients.scm"));
        Read(file, file.Matches("JavaScript/HttpClients.TypeScript.scm"));
    }

    /// <summary>Local name → client module (<c>axios</c>, <c>ky</c>, <c>superagent</c>).</summary>
    public Dictionary<string, string> Modules { get; } = new(StringComparer.Ordinal);

    /// <summary>Instance name (<c>api</c>, or <c>this.api</c>'s <c>api</c>) → client and base hint.</summary>
    public Dictionary<string, (string Client, string? BaseHint)> Instances { get; } = new(StringComparer.Ordinal);

    /// <summary>Fields holding an Angular <c>HttpClient</c>.</summary>
    public HashSet<string> AngularFields { get; } = new(StringComparer.Ordinal);

    private void Read(JsFile file, IReadOnlyList<QueryMatch> matches)
    {
        foreach (var match in matches)
        {
            if (match["angular"] is { } field)
                AngularFields.Add(field.Text());
            else if (match["wrapped"] is { } wrapped)
            {
                // `axios(url)` called directly is a request, not a client.
                if (Modules.TryGetValue(wrapped.Text(), out var wrappedClient) && !Modules.ContainsKey(match["wrapping"]!.Value.Text()))
                    Instances.TryAdd(match["instance"]!.Value.Text(), (wrappedClient, null));
            }
            else if (Modules.TryGetValue(match["module"]!.Value.Text(), out var client))
                Instances[match["instance"]!.Value.Text()] = (client, BaseOf(file, match["arguments"]!.Value));
        }
    }

    private static string? BaseOf(JsFile file, Node arguments)
    {
        if (JsFile.ArgumentOf(arguments, 0) is not { Type: "object" } options
            || (JsFile.Property(options, "baseURL") ?? JsFile.Property(options, "prefixUrl") ?? JsFile.Property(options, "baseUrl")) is not { } baseUrl)
            return null;
        var value = file.Strings.Evaluate(baseUrl);
        return value.BaseHint ?? (value.Complete ? value.Text : null);
    }

    /// <summary>
    /// Instances with a base this file exports (<c>export default api</c>, <c>export const api = axios.create(...)</c>,
    /// <c>module.exports = api</c>): the scope <c>export:name</c> that importing files' calls name as <c>js:module@name</c>.
    /// </summary>
    public IEnumerable<(string Scope, string BaseHint, int Line)> ExportedBases(JsFile file)
    {
        foreach (var export in file.Exports)
            if (export.Wrapper is null && Base(export.Local) is { } hint)
                yield return ("export:" + export.Export, hint, export.Line);
    }

    private string? Base(string instance) => Instances.TryGetValue(instance, out var found) ? found.BaseHint : null;
}
