using Mesh.Engine.Model;

namespace Mesh.Engine.Diff;

/// <summary>Pairs the headers of responses present at base and head; header names ignore case, as HTTP does.</summary>
public static class ResponseHeaders
{
    /// <summary>Each header of a response at base with the same response's header at head (null when gone).</summary>
    public static IEnumerable<(string Status, ApiHeader Before, ApiHeader? After)> Pairs(EndpointPair pair)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) yield break;
        foreach (var responseBefore in before.Responses)
        {
            if (after.Responses.FirstOrDefault(r => r.Status == responseBefore.Status) is not { } responseAfter) continue;
            foreach (var header in responseBefore.Headers ?? [])
                yield return (responseBefore.Status, header, responseAfter.Headers?.FirstOrDefault(h => SameName(h.Name, header.Name)));
        }
    }

    public static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
