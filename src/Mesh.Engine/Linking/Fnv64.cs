namespace Mesh.Engine.Linking;

/// <summary>
/// FNV-1a over a sequence of strings, each ended by a separator (null distinct from empty): a digest that is the same in
/// every process and on every machine, unlike <see cref="string.GetHashCode()"/>.
/// </summary>
internal sealed class Fnv64
{
    private const ulong Prime = 1099511628211;
    private ulong _hash = 14695981039346656037;

    public long Value => unchecked((long)_hash);

    public Fnv64 Add(string? text)
    {
        if (text is null)
        {
            Mix((char)0xFFFE);
            return this;
        }
        foreach (var c in text) Mix(c);
        Mix((char)0xFFFF);
        return this;
    }

    private void Mix(char c)
    {
        _hash = unchecked((_hash ^ (byte)c) * Prime);
        _hash = unchecked((_hash ^ (byte)(c >> 8)) * Prime);
    }
}
