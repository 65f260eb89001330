using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

/// <summary>What a request body needs, shared by the request body rules' tests.</summary>
internal static class RequestBodies
{
    /// <summary>POST /orders with a request body of <paramref name="mediaTypes"/> (each an object schema), or none when <paramref name="required"/> is null.</summary>
    public static string CreateOrder(bool? required, params string[] mediaTypes) => Document(
        "/orders:\n  post:\n" +
        (required is null ? "" : $"    requestBody:\n      required: {(required.Value ? "true" : "false")}\n      content:\n" +
            string.Concat(mediaTypes.Select(t => $"        {t}: {{ schema: {{ type: object }} }}\n"))) +
        "    responses: { '201': { description: created } }");
}
