namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A response media type was renamed to a related one rather than dropped: only its parameters changed
/// (<c>application/json; charset=utf-8</c> → <c>…; charset=ascii</c>), or it became wider (<c>application/json</c> →
/// <c>application/*</c>, readers may get what they cannot parse) or narrower (the reverse, which readers already handle).
/// </summary>
public sealed class ResponseMediaTypeNameChanged : IEndpointRule
{
    public const string Changed = "response-media-type-name-changed";
    public const string Generalized = "response-media-type-name-generalized";
    public const string Specialized = "response-media-type-name-specialized";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Changed, ChangeLevel.Info),
        new(Generalized, ChangeLevel.Err),
        new(Specialized, ChangeLevel.Info),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        foreach (var responseBefore in before.Responses)
        {
            if (after.Responses.FirstOrDefault(r => r.Status == responseBefore.Status) is not { } responseAfter) continue;
            var status = responseBefore.Status;
            foreach (var (from, to) in Renamed(responseBefore.ContentTypes, responseAfter.ContentTypes))
            {
                var (id, how) = SameName(from, to) ? (Changed, "changed its parameters") : Contains(to, from) ? (Generalized, "became the wider") : (Specialized, "became the narrower");
                sink.Report(id, pair, $"response {status} {from}", $"media type {from} of response {status} of {pair.Method} {pair.Path} {how} {to}", from, to);
            }
        }
    }

    /// <summary>
    /// Media types gone at head paired with the one new media type they are related to (same name with other
    /// parameters, or one a wildcard of the other); a gone type with no such single partner is a removal.
    /// </summary>
    public static IReadOnlyList<(string From, string To)> Renamed(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var gone = before.Except(after, StringComparer.OrdinalIgnoreCase).ToList();
        var added = after.Except(before, StringComparer.OrdinalIgnoreCase).ToList();
        var pairs = new List<(string, string)>();
        foreach (var from in gone)
        {
            var partners = added.Where(to => SameName(from, to) || Contains(from, to) || Contains(to, from)).ToList();
            if (partners.Count != 1) continue;
            pairs.Add((from, partners[0]));
            added.Remove(partners[0]);
        }
        return pairs;
    }

    private static string Name(string mediaType) => mediaType.Split(';')[0].Trim().ToLowerInvariant();

    private static bool SameName(string a, string b) => Name(a) == Name(b);

    /// <summary>True when <paramref name="wide"/> names every type <paramref name="narrow"/> does and more (<c>*/*</c>, <c>application/*</c>).</summary>
    private static bool Contains(string wide, string narrow)
    {
        var (w, n) = (Name(wide), Name(narrow));
        if (w == n) return false;
        if (w == "*/*") return true;
        var slash = w.IndexOf('/');
        return slash > 0 && w[(slash + 1)..] == "*" && n.StartsWith(w[..(slash + 1)], StringComparison.Ordinal);
    }
}
