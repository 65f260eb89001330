using System.Text.RegularExpressions;
using Mesh.Engine.Queries;

namespace Mesh.Engine.Migration;

/// <summary>A line of quoted code as it should read after an edit (1-based number in its file).</summary>
public sealed record ReplacedLine(int Line, string Text);

/// <summary>
/// Rewrites the quoted lines around a call for a renamed JSON field, where the code names the field itself: a member
/// access (<c>order.total</c>), a quoted key (<c>data["total"]</c>, <c>[JsonPropertyName("total")]</c>) or a member
/// declared or set by name (<c>{ total: number }</c>, <c>decimal Total {</c>, <c>new Order { Total = 1 }</c>). A bare
/// identifier elsewhere is left alone: it may be a local or a parameter that only shares the name.
/// </summary>
internal static class FieldRename
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    private sealed record Pattern(Regex Regex, Func<string, Match, string> Replacement);

    public static IReadOnlyList<ReplacedLine> Lines(string file, CodeExcerpt code, string oldName, string newName)
    {
        var patterns = Patterns(LanguageOf(file), oldName, newName);
        var lines = new List<ReplacedLine>();
        for (var i = 0; i < code.Lines.Count; i++)
        {
            var line = code.Lines[i];
            // A clipped line is not the line in the file: writing it back would cut the code.
            if (CodeExcerpts.IsClipped(line)) continue;
            var rewritten = line;
            foreach (var pattern in patterns)
            {
                var before = rewritten;
                rewritten = pattern.Regex.Replace(before, m => pattern.Replacement(before, m));
            }
            if (rewritten != line) lines.Add(new ReplacedLine(code.FirstLine + i, rewritten));
        }
        return lines;
    }

    private enum Language { CSharp, JavaScript, Python, Other }

    private static Language LanguageOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".cs" => Language.CSharp,
        ".py" or ".pyi" => Language.Python,
        ".ts" or ".tsx" or ".mts" or ".cts" or ".js" or ".jsx" or ".mjs" or ".cjs" or ".vue" or ".svelte" => Language.JavaScript,
        _ => Language.Other,
    };

    private static List<Pattern> Patterns(Language language, string oldName, string newName)
    {
        // C# reads JSON through properties that System.Text.Json camel-cases (TypeSchemas.JsonName): 'total' is Total.
        // A property renamed with [JsonPropertyName("total")] is met by the quoted key instead.
        var (oldMember, newMember) = language == Language.CSharp ? (Pascal(oldName), Pascal(newName)) : (oldName, newName);
        var key = Regex.Escape(oldName);
        var member = Regex.Escape(oldMember);
        var patterns = new List<Pattern>
        {
            // A string literal that is a whole key: data["total"], get('total', 0), {"total": 1}, GetProperty("total").
            new(new Regex($@"(?<=[\[(,{{]\s*)(?<quote>[""']){key}\k<quote>(?=\s*[\]),:}}])", Options, Timeout),
                (_, m) => m.Groups["quote"].Value + newName + m.Groups["quote"].Value),
            // A member access that is not a method call: order.total, order?.total, o.Total (not a spread ...total).
            new(new Regex($@"(?<=(^|[^.])\.){member}(?![\w$])(?!\s*\()", Options, Timeout), (_, _) => newMember),
        };
        switch (language)
        {
            case Language.CSharp:
                // A property or record parameter declared after its type (decimal Total { get; }, decimal Total)).
                patterns.Add(new(new Regex($@"(?<=[\w?>\]]\s+){member}(?=\s*[{{,)=;])", Options, Timeout), (_, _) => newMember));
                // Set by name: an initializer or a named argument (new NewOrder { Total = 1 }, new NewOrder(Total: 1)).
                patterns.Add(new(new Regex($@"(?<=[({{,]\s*){member}(?=\s*(=(?!=)|:(?!:)))", Options, Timeout), (_, _) => newMember));
                break;
            case Language.JavaScript or Language.Python:
                // Declared or keyed by name inside braces or at the start of a line: { total: number }, { total: 1 },
                // a class field 'total: float'; a parameter 'f(a, total: float)' is not the field.
                patterns.Add(new(new Regex($@"(?<=(^|[{{,;])\s*){member}(?![\w$])(?=\??\s*:)", Options, Timeout),
                    (line, m) => line.AsSpan(0, m.Index).Trim().IsEmpty || InnermostOpen(line, m.Index) == '{' ? newMember : m.Value));
                break;
        }
        return patterns;
    }

    private static string Pascal(string name) => name.Length > 0 && char.IsLower(name[0]) ? char.ToUpperInvariant(name[0]) + name[1..] : name;

    /// <summary>The bracket still open at <paramref name="index"/> on this line, or '\0' when none is.</summary>
    private static char InnermostOpen(string line, int index)
    {
        var depth = 0;
        for (var i = index - 1; i >= 0; i--)
        {
            switch (line[i])
            {
                case ')' or ']' or '}':
                    depth++;
                    break;
                case '(' or '[' or '{' when depth == 0:
                    return line[i];
                case '(' or '[' or '{':
                    depth--;
                    break;
            }
        }
        return '\0';
    }
}
