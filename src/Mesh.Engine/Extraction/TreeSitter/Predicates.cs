using System.Text;
using System.Text.RegularExpressions;

namespace Mesh.Engine.Extraction.TreeSitter;

internal readonly record struct PredicateArgument(int CaptureId, string? Text);

/// <summary>
/// A text predicate of a query pattern. The C core only parses predicates; Mesh evaluates them here.
/// A predicate on a capture that matched several nodes (<c>@x+</c>) holds when it holds for each of them,
/// and trivially when the capture matched none.
/// </summary>
internal abstract class Predicate
{
    public const string Known = "#eq?, #not-eq?, #match?, #not-match?, #any-of?, #not-any-of?";

    protected Predicate(int captureId, bool negated)
    {
        CaptureId = captureId;
        Negated = negated;
    }

    public int CaptureId { get; }
    public bool Negated { get; }

    /// <summary>Whether the predicate holds for a match's native captures (read before any managed capture is made).</summary>
    public bool Test(ReadOnlySpan<TSQueryCapture> captures, SyntaxTree tree)
    {
        foreach (var capture in captures)
            if (capture.Index == CaptureId && Holds(new Node(capture.Node, tree), captures, tree) == Negated)
                return false;
        return true;
    }

    protected abstract bool Holds(Node node, ReadOnlySpan<TSQueryCapture> captures, SyntaxTree tree);

    public static Predicate Create(IReadOnlyList<PredicateArgument> arguments, IReadOnlyList<string> captureNames)
    {
        if (arguments.Count == 0 || arguments[0].Text is not { } name)
            throw new ArgumentException("a predicate must start with its name, e.g. (#eq? @name \"get\")");
        var negated = name.StartsWith("not-", StringComparison.Ordinal);
        var kind = negated ? name[4..] : name;
        var args = arguments.Skip(1).ToList();
        if (args.Count == 0 || args[0].CaptureId < 0)
            throw new ArgumentException($"#{name} needs a capture as its first argument");
        var capture = args[0].CaptureId;
        switch (kind)
        {
            case "eq?" when args.Count == 2 && args[1].Text is { } text:
                return new TextEquals(capture, negated, text);
            case "eq?" when args.Count == 2:
                return new CapturesEqual(capture, negated, args[1].CaptureId);
            case "eq?":
                throw new ArgumentException($"#{name} takes a capture and a string or capture, e.g. (#{name} @{captureNames[capture]} \"get\")");
            case "match?" when args.Count == 2 && args[1].Text is { } pattern:
                try
                {
                    return new TextMatches(capture, negated, new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"#{name}: invalid regular expression \"{pattern}\": {e.Message}");
                }
            case "match?":
                throw new ArgumentException($"#{name} takes a capture and a regular expression string, e.g. (#{name} @{captureNames[capture]} \"^(get|post)$\")");
            case "any-of?" when args.Count >= 2 && args.Skip(1).All(a => a.Text is not null):
                return new AnyOf(capture, negated, args.Skip(1).Select(a => a.Text!).ToArray());
            case "any-of?":
                throw new ArgumentException($"#{name} takes a capture and one or more strings, e.g. (#{name} @{captureNames[capture]} \"get\" \"post\")");
            default:
                throw new ArgumentException($"unknown predicate #{name}; Mesh evaluates {Known}");
        }
    }

    private sealed class TextEquals(int captureId, bool negated, string value) : Predicate(captureId, negated)
    {
        private readonly byte[] utf8 = Encoding.UTF8.GetBytes(value);

        protected override bool Holds(Node node, ReadOnlySpan<TSQueryCapture> captures, SyntaxTree tree) => node.Utf8Text.SequenceEqual(utf8);
    }

    private sealed class CapturesEqual(int captureId, bool negated, int otherId) : Predicate(captureId, negated)
    {
        protected override bool Holds(Node node, ReadOnlySpan<TSQueryCapture> captures, SyntaxTree tree)
        {
            foreach (var other in captures)
                if (other.Index == otherId)
                    return node.Utf8Text.SequenceEqual(new Node(other.Node, tree).Utf8Text);
            return false;
        }
    }

    private sealed class TextMatches(int captureId, bool negated, Regex regex) : Predicate(captureId, negated)
    {
        protected override bool Holds(Node node, ReadOnlySpan<TSQueryCapture> captures, SyntaxTree tree) => regex.IsMatch(node.Text());
    }

    private sealed class AnyOf(int captureId, bool negated, string[] values) : Predicate(captureId, negated)
    {
        private readonly byte[][] utf8 = values.Select(Encoding.UTF8.GetBytes).ToArray();

        protected override bool Holds(Node node, ReadOnlySpan<TSQueryCapture> captures, SyntaxTree tree)
        {
            var text = node.Utf8Text;
            foreach (var value in utf8)
                if (text.SequenceEqual(value)) return true;
            return false;
        }
    }
}
