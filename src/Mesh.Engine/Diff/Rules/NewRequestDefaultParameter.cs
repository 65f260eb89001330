using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A parameter was added to a path that already had operations, declared once for the whole path (path-item
/// <c>parameters</c>): every operation of the path takes it, breaking when clients must now send it.
/// </summary>
public sealed class NewRequestDefaultParameter : IEndpointRule
{
    public const string Required = "new-required-request-default-parameter-to-existing-path";
    public const string Optional = "new-optional-request-default-parameter-to-existing-path";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Required, ChangeLevel.Err),
        new(Optional, ChangeLevel.Info),
    ];

    /// <summary>Path parameters are part of the route, reported as <see cref="NewRequestParameter.Path"/>.</summary>
    public static bool Applies(ApiParameter added) => added.PathLevel && added.In is not ("path" or ApiParameter.Bag);

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        foreach (var parameter in ParameterPairs.Added(before, after).Where(Applies))
        {
            var (id, kind) = parameter.Required ? (Required, "required") : (Optional, "optional");
            sink.Report(id, pair, parameter.Location(), $"{pair.Method} {pair.Path} takes a new {kind} {parameter.Label()}, declared for every operation of the path");
        }
    }
}
