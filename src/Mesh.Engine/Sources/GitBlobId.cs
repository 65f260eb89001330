using System.Security.Cryptography;
using System.Text;

namespace Mesh.Engine.Sources;

/// <summary>The id git gives a file's content: SHA-1 of <c>"blob {length}\0"</c> followed by the bytes.</summary>
public static class GitBlobId
{
    public static string Compute(ReadOnlySpan<byte> content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(Encoding.ASCII.GetBytes($"blob {content.Length}\0"));
        hash.AppendData(content);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
