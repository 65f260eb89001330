using System.Text;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>
/// Several <c>.scm</c> files compiled as one query. Each pass of a query cursor walks the whole tree, and that walk
/// costs about as much as a reader needs: one pass for all the files of a language, not one per file. Every match
/// says which file its pattern came from (<see cref="FileOf"/>). Immutable and shared by every thread.
/// </summary>
public sealed class QueryGroup
{
    private readonly int[] fileOfPattern;

    private QueryGroup(Query query, IReadOnlyList<string> paths, int[] fileOfPattern)
    {
        Query = query;
        Paths = paths;
        this.fileOfPattern = fileOfPattern;
    }

    public Query Query { get; }

    /// <summary>The files, in the order they were joined.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The index in <see cref="Paths"/> of the file pattern <paramref name="patternIndex"/> was written in.</summary>
    public int FileOf(int patternIndex) => fileOfPattern[patternIndex];

    /// <summary>The matches under <paramref name="node"/>, one list per file of <see cref="Paths"/>, each in the order tree-sitter gave them.</summary>
    public List<QueryMatch>[] Matches(Node node, CancellationToken cancellationToken = default)
    {
        var result = new List<QueryMatch>[Paths.Count];
        for (var i = 0; i < result.Length; i++) result[i] = [];
        foreach (var match in Query.Matches(node, cancellationToken)) result[fileOfPattern[match.PatternIndex]].Add(match);
        return result;
    }

    internal static QueryGroup Compile(Language language, IReadOnlyList<string> paths, Func<string, string> read)
    {
        var texts = paths.Select(read).ToList();
        var joined = new StringBuilder();
        var starts = new List<int>();
        foreach (var text in texts)
        {
            starts.Add(Encoding.UTF8.GetByteCount(joined.ToString()));
            joined.Append(text).Append('\n');
        }
        Query query;
        try
        {
            query = new Query(language, joined.ToString(), string.Join(" + ", paths)) { IsShared = true };
        }
        catch (QueryException)
        {
            // Say which file is wrong, with its own line and column.
            for (var i = 0; i < paths.Count; i++)
                using (new Query(language, texts[i], paths[i])) { }
            throw;
        }
        var fileOfPattern = new int[query.PatternCount];
        for (var pattern = 0; pattern < fileOfPattern.Length; pattern++)
        {
            var start = query.PatternStartByte(pattern);
            var file = starts.Count - 1;
            while (file > 0 && starts[file] > start) file--;
            fileOfPattern[pattern] = file;
        }
        return new QueryGroup(query, paths, fileOfPattern);
    }
}
