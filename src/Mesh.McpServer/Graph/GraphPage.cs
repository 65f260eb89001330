using System.Text.Json;
using Mesh.Engine;
using Mesh.Engine.Queries;

namespace Mesh.McpServer.Graph;

/// <summary>
/// The service-graph page: one HTML document with its CSS and JS inline. Served, it reads the JSON API beside it;
/// written by <c>mesh graph --format html</c>, it carries the whole <see cref="ServiceMapDocument"/> in itself.
/// </summary>
public static class GraphPage
{
    private static readonly Lazy<string> Template = new(() => Resource("graph.html")
        .Replace("/*MESH:CSS*/", Resource("graph.css"), StringComparison.Ordinal)
        .Replace("/*MESH:JS*/", Resource("graph.js"), StringComparison.Ordinal));

    /// <summary>The page that fetches <c>api/graph</c> and <c>api/repos/{repo}/endpoints</c> relative to its own address.</summary>
    public static string Served() => Template.Value.Replace("<!--MESH:DATA-->", "", StringComparison.Ordinal);

    /// <summary>The page with the data embedded, readable from a file with no server.</summary>
    public static string Standalone(ServiceMapDocument document)
    {
        // Inside <script>, "</script>" or "<!--" in a path or message would end or confuse the element: '<' only
        // occurs within JSON strings, where \u003c means the same.
        var json = JsonSerializer.Serialize(document, MeshJson.Options).Replace("<", "\\u003c", StringComparison.Ordinal);
        return Template.Value.Replace("<!--MESH:DATA-->", $"<script type=\"application/json\" id=\"mesh-data\">{json}</script>", StringComparison.Ordinal);
    }

    private static string Resource(string name)
    {
        using var stream = typeof(GraphPage).Assembly.GetManifestResourceStream("graph/" + name)
            ?? throw new InvalidOperationException($"the page resource 'graph/{name}' is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
