namespace Mesh.Engine.Diff.Reports;

/// <summary>Small pieces of wording every format shares.</summary>
internal static class ReportText
{
    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public static string Counts(DiffSummary s) => $"{s.Errors} ERR, {s.Warnings} WARN, {s.Infos} INFO";

    public static string Where(string? file, int line) => file is null ? "" : line > 0 ? $"{file}:{line}" : file;

    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
