using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

/// <summary>What response headers need, shared by the response header rules' tests.</summary>
internal static class ResponseHeaderSpecs
{
    /// <summary>GET /orders whose 200 response has <paramref name="headers"/> (name: header object, one per entry).</summary>
    public static string ListOrders(params string[] headers) => Document(
        "/orders:\n  get:\n    responses:\n      '200':\n        description: ok\n" +
        (headers.Length == 0 ? "" : "        headers:\n" + string.Concat(headers.Select(h => $"          {h}\n"))).TrimEnd('\n'));
}
