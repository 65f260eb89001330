namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>A document that parses but is too deep or too large once aliases are expanded to convert safely.</summary>
internal sealed class SourceLimitException(string message, int line) : Exception(message)
{
    public int Line { get; } = line;
}
