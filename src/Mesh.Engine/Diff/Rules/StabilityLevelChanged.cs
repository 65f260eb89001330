namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// An operation's declared stability (<c>x-stability-level</c>) changed. Stability may rise (draft → alpha → beta →
/// stable) but never fall, and only the four levels are valid. An operation that declared none may take any level.
/// </summary>
public sealed class StabilityLevelChanged : IEndpointRule
{
    public const string Invalid = "api-invalid-stability-level";
    public const string Decreased = "api-stability-decreased";
    public const string Increased = "api-stability-increased";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Invalid, ChangeLevel.Err),
        new(Decreased, ChangeLevel.Err),
        new(Increased, ChangeLevel.Info),
    ];

    /// <summary>Ids about the declaration itself, which keep their level on draft and alpha operations.</summary>
    public static bool IsStabilityRule(string rule) => rule is Invalid or Decreased;

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base: { } before, Head: { } after }) return;
        var (from, to) = (before.Fact.Stability, after.Fact.Stability);
        if (from == to) return;
        var validBefore = StabilityLevels.TryParse(from, out var levelBefore);
        var validAfter = StabilityLevels.TryParse(to, out var levelAfter);
        if (!validBefore || !validAfter)
        {
            var invalid = validAfter ? from : to;
            sink.Report(Invalid, pair, "x-stability-level",
                $"x-stability-level '{invalid}' of {pair.Method} {pair.Path} is not a stability level; valid: {StabilityLevels.Valid}", from, to);
            return;
        }
        if (from is null) return;
        if (levelAfter < levelBefore)
            sink.Report(Decreased, pair, "x-stability-level",
                $"stability of {pair.Method} {pair.Path} decreased from {levelBefore.Name()} to {levelAfter.Name()}", from, to ?? "stable");
        else if (levelAfter > levelBefore)
            sink.Report(Increased, pair, "x-stability-level",
                $"stability of {pair.Method} {pair.Path} increased from {levelBefore.Name()} to {levelAfter.Name()}", from, to ?? "stable");
    }
}
