using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mesh.Engine;

namespace Mesh.Tools;

/// <summary>Argument checks shared by every tool: limits, opaque paging cursors, HTTP methods.</summary>
public static class ToolArguments
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static readonly IReadOnlyList<string> HttpMethods = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"];

    public static int Limit(int? limit)
    {
        var value = limit ?? DefaultLimit;
        if (value is < 1 or > MaxLimit)
            throw new MeshException($"limit {value} is out of range; valid: 1 to {MaxLimit} (default {DefaultLimit})");
        return value;
    }

    public static string? Method(string? method)
    {
        if (string.IsNullOrWhiteSpace(method)) return null;
        var upper = method.Trim().ToUpperInvariant();
        if (!HttpMethods.Contains(upper))
            throw new MeshException($"method '{Suggest.Shown(method)}' is not an HTTP method; valid: {string.Join(", ", HttpMethods)}");
        return upper;
    }

    /// <summary>
    /// A cursor is the offset of the next page plus a fingerprint of the query, so a cursor used with other
    /// filters is refused instead of silently paging the wrong list.
    /// </summary>
    public static string Cursor(int offset, string query) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{offset.ToString(CultureInfo.InvariantCulture)}:{Fingerprint(query)}"));

    public static int Offset(string? cursor, string query)
    {
        if (string.IsNullOrEmpty(cursor)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = text.Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                if (parts[1] == Fingerprint(query)) return offset;
                throw new MeshException("cursor belongs to a query with other filters; repeat the call with the same filters, or omit cursor to start again");
            }
        }
        catch (FormatException)
        {
            // Falls through to the message below.
        }
        throw new MeshException("cursor is not valid; pass the next_cursor value of the previous page unchanged, or omit it to start from the first page");
    }

    private static string Fingerprint(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)))[..8];
}
