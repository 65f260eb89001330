namespace Mesh.Engine.Model;

/// <summary>Route templates joined the way ASP.NET Core, Express and FastAPI join a prefix and a route: one '/' between.</summary>
public static class RoutePath
{
    public static string Join(string prefix, string path)
    {
        var left = prefix.Trim().TrimEnd('/');
        var right = path.Trim().TrimStart('/');
        if (left.Length > 0 && !left.StartsWith('/')) left = "/" + left;
        if (left.Length == 0) return "/" + right;
        return right.Length == 0 ? left : left + "/" + right;
    }
}
