using System.Collections.Concurrent;
using Mesh.Engine.Extraction;

namespace Mesh.Engine.Indexing;

/// <summary>
/// Facts recently read or parsed, kept in memory for one long-lived process (the MCP server), so a diff or a
/// re-index of a mostly unchanged revision does not deserialize every file's facts from the store again.
/// Bounded: when full it starts over (facts are immutable per blob, so forgetting only costs a store read).
/// </summary>
public sealed class FactMemory(int capacity = 50_000)
{
    private ConcurrentDictionary<(string Blob, string Extractor, int Version), FileFacts> _facts = new();

    public FileFacts? Find(string blobId, string extractor, int version) =>
        _facts.TryGetValue((blobId, extractor, version), out var facts) ? facts : null;

    public void Remember(string blobId, string extractor, int version, FileFacts facts)
    {
        if (_facts.Count >= capacity) Interlocked.Exchange(ref _facts, new ConcurrentDictionary<(string, string, int), FileFacts>());
        _facts[(blobId, extractor, version)] = facts;
    }
}
