using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mesh.Engine.Diff.Reports;

/// <summary>
/// <c>--format sarif</c>: SARIF 2.1.0 for code-scanning dashboards. The driver lists every rule of the catalog
/// with its default level; each change is a result at the operation's file (relative to the repo root, as code
/// scanning expects for the repository it runs on) and line, with the endpoint as a
/// logical location, a fingerprint that survives line moves, and the affected consumers as properties.
/// </summary>
/// <param name="catalog">The rules to list (the whole catalog; tests pass a fixed one).</param>
public sealed class SarifDiffFormat(IReadOnlyList<RuleInfo>? catalog = null) : IDiffFormat
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IReadOnlyList<RuleInfo> _catalog = catalog ?? DiffRules.Catalog;

    public string Write(DiffOutcome outcome)
    {
        var rules = new JsonArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in _catalog)
        {
            index[rule.Id] = rules.Count;
            rules.Add(Rule(rule.Id, rule.Level));
        }
        // A change from a rule the given catalog lacks still gets a descriptor, so every ruleIndex is valid.
        foreach (var change in outcome.Report.Changes.Where(c => !index.ContainsKey(c.Rule)).DistinctBy(c => c.Rule))
        {
            index[change.Rule] = rules.Count;
            rules.Add(Rule(change.Rule, change.Level));
        }

        var results = new JsonArray();
        foreach (var change in outcome.Report.Changes) results.Add(Result(change, index[change.Rule]));

        var s = outcome.Report.Summary;
        var log = new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "mesh",
                        ["semanticVersion"] = Version,
                        ["rules"] = rules,
                    },
                },
                ["automationDetails"] = new JsonObject { ["id"] = $"mesh-diff/{s.Repo}/" },
                ["properties"] = new JsonObject
                {
                    ["repo"] = s.Repo,
                    ["base"] = s.Base,
                    ["head"] = s.Head,
                    ["safe_to_ship"] = s.SafeToShip,
                    ["verdict"] = s.Verdict,
                    ["ignored"] = outcome.Ignored.Count,
                },
                ["results"] = results,
            }),
        };
        return log.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";
    }

    private static string Version { get; } =
        typeof(SarifDiffFormat).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static JsonObject Rule(string id, ChangeLevel level) => new()
    {
        ["id"] = id,
        ["name"] = string.Concat(id.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
        ["shortDescription"] = new JsonObject { ["text"] = Sentence(id) },
        ["defaultConfiguration"] = new JsonObject { ["level"] = SarifLevel(level) },
        ["properties"] = new JsonObject { ["tags"] = new JsonArray("api", level == ChangeLevel.Err ? "breaking" : level == ChangeLevel.Warn ? "potentially-breaking" : "changelog") },
    };

    private JsonObject Result(Change c, int ruleIndex)
    {
        var location = new JsonObject();
        if (c.File is not null)
        {
            var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = c.File } };
            if (c.Line > 0) physical["region"] = new JsonObject { ["startLine"] = c.Line };
            location["physicalLocation"] = physical;
        }
        location["logicalLocations"] = new JsonArray(new JsonObject
        {
            ["name"] = $"{c.Method} {c.Path}",
            ["fullyQualifiedName"] = c.EndpointId ?? $"{c.Method} {c.Path}",
            ["kind"] = "endpoint",
        });

        var message = new StringBuilder(c.Message);
        if (c.Before is not null || c.After is not null) message.Append($" (before: {c.Before ?? "none"}; after: {c.After ?? "none"})");
        if (c.Affected.Count > 0)
            message.Append($" Affects {ReportText.Plural(c.Affected.Count, "consumer")}: " +
                string.Join(", ", c.Affected.Select(a => $"{a.Repo} {a.File}:{a.Line} ({a.Level.Name()})")) + ".");

        var properties = new JsonObject { ["location"] = c.Location, ["method"] = c.Method, ["path"] = c.Path };
        if (c.Before is not null) properties["before"] = c.Before;
        if (c.After is not null) properties["after"] = c.After;
        properties["affected"] = new JsonArray([.. c.Affected.Select(a => (JsonNode)new JsonObject
        {
            ["repo"] = a.Repo,
            ["file"] = a.File,
            ["line"] = a.Line,
            ["method"] = a.Method,
            ["url"] = a.Url,
            ["is_test"] = a.IsTest,
            ["level"] = a.Level.Name(),
            ["evidence"] = a.Evidence,
        })]);

        return new JsonObject
        {
            ["ruleId"] = c.Rule,
            ["ruleIndex"] = ruleIndex,
            ["level"] = SarifLevel(c.Level),
            ["message"] = new JsonObject { ["text"] = message.ToString() },
            ["locations"] = new JsonArray(location),
            ["partialFingerprints"] = new JsonObject { ["meshChange/v1"] = Fingerprint(c) },
            ["properties"] = properties,
        };
    }

    private static string SarifLevel(ChangeLevel level) => level switch
    {
        ChangeLevel.Err => "error",
        ChangeLevel.Warn => "warning",
        _ => "note",
    };

    /// <summary>Rule, endpoint and location, not the line: the same change keeps its identity when the file above it grows.</summary>
    private static string Fingerprint(Change c) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{c.Rule}\n{c.Method}\n{Model.PathKey.FromTemplate(c.Path)}\n{c.Location}")))[..32];

    private static string Sentence(string id)
    {
        var words = id.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => w is "api" ? "API" : w).ToList();
        return words.Count == 0 ? id : char.ToUpperInvariant(words[0][0]) + words[0][1..] + (words.Count > 1 ? " " + string.Join(' ', words.Skip(1)) : "");
    }
}
