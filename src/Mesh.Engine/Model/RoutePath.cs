namespace Mesh.Engine.Model;

/// <summary>
/// Route templates joined the way ASP.NET Core, Express and FastAPI join a prefix and a route: one '/' between. A route
/// that adds nothing leaves the prefix as written (Django's <c>path("orders/", include(...))</c> + <c>path("", ...)</c>
/// serves <c>/orders/</c>).
/// </summary>
public static class RoutePath
{
    public static string Join(string prefix, string path)
    {
        var left = prefix.Trim();
        var right = path.Trim().TrimStart('/');
        if (left.Length > 0 && !left.StartsWith('/')) left = "/" + left;
        if (right.Length == 0) return left.Length == 0 ? "/" : left;
        left = left.TrimEnd('/');
        return left + "/" + right;
    }
}
