using System.Text;
using Mesh.Engine.Diff;
using Mesh.Engine.Extraction;
using Mesh.Engine.Extraction.OpenApi;
using Mesh.Engine.Resolution;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Tests.Diff;

/// <summary>Diffs two small OpenAPI documents through the real extractor, resolver and differ.</summary>
internal static class SpecDiff
{
    /// <summary>The day sunset dates are checked against in rule tests.</summary>
    public static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>An OpenAPI 3.0 document with <paramref name="paths"/> (written from column 0) under <c>paths</c>, and optional root keys.</summary>
    public static string Document(string paths, string? root = null) =>
        "openapi: 3.0.3\ninfo: { title: Orders, version: '1' }\n" + (root is null ? "" : root.TrimEnd() + "\n") +
        "paths:\n" + string.Join("\n", paths.Split('\n').Select(line => "  " + line)) + "\n";

    /// <summary>What the rule <typeparamref name="TRule"/> reports between two documents (its ids only).</summary>
    public static IReadOnlyList<Change> Run<TRule>(string before, string after, DiffOptions? options = null) where TRule : IDiffRule, new()
    {
        options ??= new DiffOptions { Today = Today };
        return Run(before, after, options with { OnlyRules = new TRule().Ids.Select(r => r.Id).ToHashSet(StringComparer.Ordinal) });
    }

    /// <summary>What every rule reports between two documents.</summary>
    public static IReadOnlyList<Change> Run(string before, string after, DiffOptions? options = null) =>
        SurfaceDiffer.Default.Diff(Surface(before), Surface(after), options ?? new DiffOptions { Today = Today });

    private static Mesh.Engine.Model.RepoSurface Surface(string yaml)
    {
        var bytes = Encoding.UTF8.GetBytes(yaml);
        var extractor = new OpenApiExtractor();
        var facts = extractor.Extract("openapi.yaml", bytes);
        Assert.Empty(facts.Diagnostics);
        var indexed = new IndexedFile("openapi.yaml", GitBlobId.Compute(bytes), extractor.Name, extractor.Version, facts, Parsed: true);
        return RepoResolver.Resolve("orders", [indexed]);
    }
}
