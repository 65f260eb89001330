using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mesh.Engine.Sources;

/// <summary>A repo entry as <c>mesh.json</c> states it: a name and a path (relative to the workspace when inside it, with '/').</summary>
public sealed record RepoEntry(string Name, string Path);

/// <summary>
/// Adds repos to a workspace's <c>mesh.json</c>, keeping what is there (other fields, services, entry order by name)
/// and writing nothing when nothing is new. Without a mesh.json, the repos found by folder become its first entries,
/// so adding one repo does not hide the others.
/// </summary>
public sealed class WorkspaceConfigWriter(string root)
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, IndentSize = 2 };

    public string Root { get; } = System.IO.Path.GetFullPath(root);

    public string ConfigPath => System.IO.Path.Combine(Root, Workspace.ConfigFileName);

    /// <summary>The entries the workspace has now (from mesh.json, else found by folder), with absolute paths resolved.</summary>
    public IReadOnlyList<(RepoEntry Entry, string FullPath)> Existing()
    {
        if (!File.Exists(ConfigPath))
            return Workspace.Load(Root).Repos.Select(r => (new RepoEntry(r.Name, Relative(r.Path)), r.Path)).ToList();
        var repos = Read()["repos"] as JsonArray ?? [];
        var entries = new List<(RepoEntry, string)>();
        foreach (var item in repos.OfType<JsonObject>())
        {
            var path = (string?)item["path"];
            if (string.IsNullOrWhiteSpace(path)) continue;
            var full = System.IO.Path.GetFullPath(path, Root);
            entries.Add((new RepoEntry(NameOf(item, full), path), full));
        }
        return entries;
    }

    /// <summary>Writes mesh.json with these entries added (by name; entries already there are kept as they are). Returns false when nothing was new.</summary>
    public bool Add(IReadOnlyCollection<RepoEntry> added)
    {
        var existing = Existing();
        var fresh = added.Where(a => existing.All(e => e.Entry.Name != a.Name)).DistinctBy(a => a.Name).ToList();
        if (fresh.Count == 0) return false;

        var config = File.Exists(ConfigPath) ? Read() : new JsonObject();
        var repos = config["repos"] as JsonArray;
        if (repos is null)
        {
            repos = [.. existing.Select(e => (JsonNode)Entry(e.Entry))];
            config["repos"] = repos;
        }
        var items = repos.Select(n => n!.DeepClone()).Concat(fresh.Select(Entry)).ToList();
        repos.Clear();
        foreach (var item in items.OrderBy(SortKey, StringComparer.Ordinal)) repos.Add(item);

        // Written beside and moved over, so a crash never leaves a half-written mesh.json.
        var temporary = ConfigPath + ".tmp";
        File.WriteAllText(temporary, config.ToJsonString(WriteOptions) + "\n", new UTF8Encoding(false));
        File.Move(temporary, ConfigPath, overwrite: true);
        return true;
    }

    /// <summary>A path as mesh.json should hold it: relative with '/' when inside the workspace, absolute otherwise.</summary>
    public string Relative(string fullPath)
    {
        var relative = System.IO.Path.GetRelativePath(Root, fullPath);
        if (relative == ".") return ".";
        return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative)
            ? fullPath
            : relative.Replace('\\', '/');
    }

    private JsonObject Read()
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(ConfigPath), documentOptions: ReadOptions) as JsonObject
                ?? throw new MeshException($"{Workspace.ConfigFileName} is not a JSON object; expected {{\"repos\":[{{\"name\":\"orders\",\"path\":\"services/orders\"}}]}}");
        }
        catch (JsonException e)
        {
            throw new MeshException($"{Workspace.ConfigFileName} is not valid JSON ({e.Message}); fix it before adding repos");
        }
    }

    private static JsonObject Entry(RepoEntry entry) => new() { ["name"] = entry.Name, ["path"] = entry.Path };

    private string SortKey(JsonNode? node) =>
        node is JsonObject item && (string?)item["path"] is { } path ? NameOf(item, System.IO.Path.GetFullPath(path, Root)) : "";

    private static string NameOf(JsonObject item, string fullPath) =>
        (string?)item["name"] is { Length: > 0 } name && !string.IsNullOrWhiteSpace(name)
            ? name
            : System.IO.Path.GetFileName(fullPath.TrimEnd('/', '\\'));
}
