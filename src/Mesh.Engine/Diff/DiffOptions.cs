namespace Mesh.Engine.Diff;

/// <summary>What a diff reports and the deprecation policy it checks.</summary>
public sealed record DiffOptions
{
    public static readonly DiffOptions Default = new();

    /// <summary>Changes below this level are dropped.</summary>
    public ChangeLevel MinLevel { get; init; } = ChangeLevel.Info;

    /// <summary>When set, only these rule ids report (an exact policy); null means every rule.</summary>
    public IReadOnlySet<string>? OnlyRules { get; init; }

    /// <summary>The day sunset dates are checked against (from the host's clock; fixed in tests).</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>
    /// Deprecation policy: the minimum days between deprecating and removing for stable and beta operations.
    /// 0 means no policy (a deprecation needs no sunset date).
    /// </summary>
    public int StableDeprecationDays { get; init; }
    public int BetaDeprecationDays { get; init; }

    /// <summary>Operations less stable than this (by their level at base, or head when added) are not reported.</summary>
    public StabilityLevel MinStability { get; init; } = StabilityLevel.Draft;

    /// <summary>The policy's days between deprecating and removing an operation or parameter at this level; 0 means none.</summary>
    public int DeprecationDays(StabilityLevel level) => level switch
    {
        StabilityLevel.Stable => StableDeprecationDays,
        StabilityLevel.Beta => BetaDeprecationDays,
        _ => 0,
    };
}
