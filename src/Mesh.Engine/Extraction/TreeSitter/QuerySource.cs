using System.Collections.Concurrent;
using System.Reflection;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>
/// Queries kept as <c>.scm</c> files beside their extractor and embedded in the assembly
/// (<c>Extraction/Python/FastApi.scm</c> is loaded as <c>Load(Language.Python, "Python/FastApi.scm")</c>).
/// Each (file, language) is compiled once per process and shared by every thread.
/// </summary>
public static class QuerySource
{
    /// <summary>Logical-name prefix of embedded queries; a project embeds its own with the same prefix (see Mesh.Engine.csproj).</summary>
    public const string ResourcePrefix = "Mesh.Engine.Queries/";

    // A memo of immutable compiled queries, keyed by where they came from: not state that changes behaviour.
    private static readonly ConcurrentDictionary<(Assembly Assembly, string Path, Language Language), Lazy<Query>> Cache = new();

    public static Query Load(Language language, string path) => Load(typeof(QuerySource).Assembly, language, path);

    public static Query Load(Assembly assembly, Language language, string path) =>
        Cache.GetOrAdd((assembly, path.Replace('\\', '/'), language),
            key => new Lazy<Query>(() => Compile(key.Assembly, key.Language, key.Path))).Value;

    /// <summary>The text of an embedded query, e.g. to show it in a diagnostic.</summary>
    public static string ReadText(Assembly assembly, string path)
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + path)
            ?? throw new FileNotFoundException(
                $"no embedded query '{path}' in {assembly.GetName().Name}; embedded: " +
                string.Join(", ", assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                    .Select(n => n[ResourcePrefix.Length..]).Order(StringComparer.Ordinal).DefaultIfEmpty("(none)")));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Query Compile(Assembly assembly, Language language, string path) =>
        new(language, ReadText(assembly, path), path) { IsShared = true };
}
