namespace Mesh.Engine.Diff;

/// <summary>How much a change matters to consumers; ordered so that a higher value is more severe.</summary>
public enum ChangeLevel
{
    /// <summary>Changelog only.</summary>
    Info = 0,
    /// <summary>Potentially breaking.</summary>
    Warn = 1,
    /// <summary>Breaking.</summary>
    Err = 2,
}

public static class ChangeLevels
{
    /// <summary>The short names CI users know from OpenAPI diff tools: <c>ERR</c>, <c>WARN</c>, <c>INFO</c>.</summary>
    public static string Name(this ChangeLevel level) => level switch
    {
        ChangeLevel.Err => "ERR",
        ChangeLevel.Warn => "WARN",
        _ => "INFO",
    };

    public static bool TryParse(string? text, out ChangeLevel level)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "ERR" or "ERROR": level = ChangeLevel.Err; return true;
            case "WARN" or "WARNING": level = ChangeLevel.Warn; return true;
            case "INFO": level = ChangeLevel.Info; return true;
            default: level = ChangeLevel.Info; return false;
        }
    }
}
