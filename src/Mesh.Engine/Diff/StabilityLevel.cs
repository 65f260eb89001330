namespace Mesh.Engine.Diff;

/// <summary>
/// How stable an operation declares itself (OpenAPI <c>x-stability-level</c>), least stable first. Draft and alpha
/// operations promise no compatibility; an operation that declares nothing is stable.
/// </summary>
public enum StabilityLevel
{
    Draft,
    Alpha,
    Beta,
    Stable,
}

public static class StabilityLevels
{
    /// <summary>The levels as written in specs, for messages that say what is valid.</summary>
    public const string Valid = "draft, alpha, beta, stable";

    /// <summary>Reads a declared level; none declared is <see cref="StabilityLevel.Stable"/>. False for anything else.</summary>
    public static bool TryParse(string? text, out StabilityLevel level)
    {
        switch (text)
        {
            case null or "stable": level = StabilityLevel.Stable; return true;
            case "beta": level = StabilityLevel.Beta; return true;
            case "alpha": level = StabilityLevel.Alpha; return true;
            case "draft": level = StabilityLevel.Draft; return true;
            default: level = StabilityLevel.Stable; return false;
        }
    }

    /// <summary>Draft and alpha operations may change freely: their breaking changes are not breaking.</summary>
    public static bool PromisesCompatibility(this StabilityLevel level) => level >= StabilityLevel.Beta;

    public static string Name(this StabilityLevel level) => level.ToString().ToLowerInvariant();
}
