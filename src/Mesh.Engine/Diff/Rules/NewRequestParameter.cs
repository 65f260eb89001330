using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>A parameter was added to an operation: breaking when clients must now send it.</summary>
public sealed class NewRequestParameter : IEndpointRule
{
    public const string Required = "new-required-request-parameter";
    public const string Optional = "new-optional-request-parameter";
    public const string Path = "new-request-path-parameter";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Required, ChangeLevel.Err),
        new(Optional, ChangeLevel.Info),
        new(Path, ChangeLevel.Err),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        foreach (var parameter in ParameterPairs.Added(before, after).Where(p => p.In != ApiParameter.Bag && !NewRequestDefaultParameter.Applies(p)))
        {
            var (id, kind) = parameter.In == "path" ? (Path, "new") : parameter.Required ? (Required, "new required") : (Optional, "new optional");
            sink.Report(id, pair, parameter.Location(), $"{pair.Method} {pair.Path} has a {kind} {parameter.Label()}");
        }
    }
}
