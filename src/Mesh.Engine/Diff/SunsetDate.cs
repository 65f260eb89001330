using System.Globalization;

namespace Mesh.Engine.Diff;

/// <summary>Sunset dates as OpenAPI documents write them: <c>2025-08-10</c> or an RFC 3339 timestamp.</summary>
public static class SunsetDate
{
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)) return false;
        date = DateOnly.FromDateTime(moment.UtcDateTime);
        return true;
    }
}
