namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>Koa with <c>@koa/router</c> or <c>koa-router</c>.</summary>
internal static class Koa
{
    private static readonly string[] RouterModules = ["@koa/router", "koa-router"];

    /// <summary>True when <paramref name="constructor"/> names the router class of a Koa router module this file imports.</summary>
    public static bool IsRouterClass(JsFile file, string constructor) =>
        file.Imports.TryGetValue(constructor, out var import) && RouterModules.Contains(import.Module);
}
