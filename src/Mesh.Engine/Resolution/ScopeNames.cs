using Mesh.Engine.Model;

namespace Mesh.Engine.Resolution;

/// <summary>
/// Turns the scopes extractors write — relative to their own file, since they cannot know its path — into names
/// shared across the repo: <c>@router</c> (this file), <c>py:app.routers.items@router</c> and <c>py:.items@router</c>
/// (a Python module), <c>js:./routes/orders@default</c> (an import), <c>export:default</c> (what a file exports), and
/// <c>fs:nextjs-app</c> / <c>fs:nextjs-pages</c> / <c>fs:nitro</c> (a route given by the file's own path). Other scopes are already global.
/// </summary>
public sealed class ScopeNames
{
    private static readonly string[] ScriptExtensions = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"];
    private readonly HashSet<string> _files;
    private readonly List<string> _pythonFiles;

    public ScopeNames(IEnumerable<string> files)
    {
        _files = new HashSet<string>(files, StringComparer.Ordinal);
        _pythonFiles = _files.Where(f => f.EndsWith(".py", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The repo-wide name of a scope written in <paramref name="file"/>; unresolvable imports stay as written.</summary>
    public string? Canonical(string? scope, string file)
    {
        if (scope is null) return null;
        if (scope.StartsWith('@')) return file + scope;
        if (scope.StartsWith("export:", StringComparison.Ordinal)) return $"{file}#{scope}";
        if (scope.StartsWith("py:", StringComparison.Ordinal) && Split(scope[3..]) is var (module, name) && PythonModule(module, file) is { } pyFile)
            return $"{pyFile}@{name}";
        if (scope.StartsWith("js:", StringComparison.Ordinal) && Split(scope[3..]) is var (specifier, export) && ScriptModule(specifier, file) is { } jsFile)
            return $"{jsFile}#export:{export}";
        return scope;
    }

    /// <summary>Canonical mounts; an export alias (<c>export:X</c> of <c>@router</c>) becomes "the router is mounted at the export".</summary>
    public MountFact Canonical(MountFact mount, string file) =>
        mount.Scope.StartsWith("export:", StringComparison.Ordinal)
            ? mount with { Scope = Canonical(mount.Parent, file) ?? file, Parent = Canonical(mount.Scope, file) }
            : mount with { Scope = Canonical(mount.Scope, file)!, Parent = Canonical(mount.Parent, file) };

    /// <summary>An endpoint with its scope made global; a file-system route gets its path from the file, or null when the file is no route file.</summary>
    public EndpointFact? Canonical(EndpointFact endpoint, string file) => endpoint.Scope switch
    {
        "fs:nextjs-app" => NextAppRoute(file) is { } route ? endpoint with { Scope = null, Path = RoutePath.Join(route, endpoint.Path) } : null,
        "fs:nextjs-pages" => NextPagesRoute(file) is { } route ? endpoint with { Scope = null, Path = RoutePath.Join(route, endpoint.Path) } : null,
        "fs:nitro" => NitroRoute(file) is var (route, method) ? endpoint with { Scope = null, Path = RoutePath.Join(route, endpoint.Path), Method = method } : null,
        _ => endpoint with { Scope = Canonical(endpoint.Scope, file) },
    };

    private static (string Left, string Right) Split(string text)
    {
        var at = text.LastIndexOf('@');
        return at < 0 ? (text, "") : (text[..at], text[(at + 1)..]);
    }

    /// <summary><c>app.routers.items</c> → a file ending in app/routers/items.py (or its __init__.py); <c>.items</c> → next to this file.</summary>
    private string? PythonModule(string module, string file)
    {
        var dots = module.TakeWhile(c => c == '.').Count();
        var rest = module[dots..].Replace('.', '/');
        if (dots > 0)
        {
            var directory = Path.GetDirectoryName(file)?.Replace('\\', '/') ?? "";
            for (var i = 1; i < dots; i++) directory = Path.GetDirectoryName(directory)?.Replace('\\', '/') ?? "";
            var basePath = directory.Length == 0 ? rest : rest.Length == 0 ? directory : $"{directory}/{rest}";
            return new[] { basePath + ".py", basePath + "/__init__.py" }.FirstOrDefault(_files.Contains);
        }
        foreach (var candidate in new[] { rest + ".py", rest + "/__init__.py" })
        {
            if (_files.Contains(candidate)) return candidate;
            var nested = _pythonFiles.Where(f => f.EndsWith("/" + candidate, StringComparison.Ordinal)).OrderBy(f => f.Length).FirstOrDefault();
            if (nested is not null) return nested;
        }
        return null;
    }

    /// <summary>A relative import (<c>./routes/orders</c>) resolved the way Node and bundlers do: extensions, then index files.</summary>
    private string? ScriptModule(string specifier, string file)
    {
        if (!specifier.StartsWith('.')) return null;
        var directory = Path.GetDirectoryName(file)?.Replace('\\', '/') ?? "";
        var combined = Normalize(directory.Length == 0 ? specifier : $"{directory}/{specifier}");
        if (_files.Contains(combined)) return combined;
        var stem = ScriptExtensions.Any(e => combined.EndsWith(".js", StringComparison.Ordinal)) && combined.EndsWith(".js", StringComparison.Ordinal) ? combined[..^3] : combined;
        return ScriptExtensions.Select(e => stem + e).Concat(ScriptExtensions.Select(e => $"{stem}/index{e}")).FirstOrDefault(_files.Contains);
    }

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == ".." && parts.Count > 0) parts.RemoveAt(parts.Count - 1);
            else if (part != "..") parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary><c>src/app/api/orders/[id]/route.ts</c> → <c>/api/orders/[id]</c>; route groups <c>(x)</c> and slots <c>@x</c> add nothing.</summary>
    public static string? NextAppRoute(string file)
    {
        var segments = file.Split('/');
        var name = Path.GetFileNameWithoutExtension(segments[^1]);
        var app = Array.LastIndexOf(segments, "app", segments.Length - 2);
        if (name != "route" || app < 0) return null;
        var route = segments[(app + 1)..^1].Where(s => !(s.StartsWith('(') && s.EndsWith(')')) && !s.StartsWith('@'));
        return "/" + string.Join('/', route);
    }

    /// <summary><c>pages/api/orders/[id].ts</c> → <c>/api/orders/[id]</c>; <c>index</c> files name their folder.</summary>
    public static string? NextPagesRoute(string file)
    {
        var segments = file.Split('/');
        var pages = Array.LastIndexOf(segments, "pages", segments.Length - 2);
        if (pages < 0 || pages + 1 >= segments.Length - 1 || segments[pages + 1] != "api") return null;
        var name = Path.GetFileNameWithoutExtension(segments[^1]);
        var route = segments[(pages + 1)..^1].Append(name).Where(s => s != "index");
        return "/" + string.Join('/', route);
    }

    private static readonly HashSet<string> NitroMethods = ["get", "post", "put", "patch", "delete", "head", "options", "connect", "trace"];

    /// <summary>
    /// Nitro file routing: <c>server/routes/users/[id].get.ts</c> → <c>GET /users/[id]</c>, <c>server/api/tags.ts</c> →
    /// every method of <c>/api/tags</c> (the <c>api</c> folder is served under <c>/api</c>); <c>index</c> names its folder and an
    /// environment suffix (<c>.dev</c>, <c>.prod</c>) is dropped. The route folder is the one under <c>server/</c>, else the first;
    /// a Next.js <c>pages/api</c> file is Next's.
    /// </summary>
    public static (string Route, string Method)? NitroRoute(string file)
    {
        if (NextPagesRoute(file) is not null) return null;
        var segments = file.Split('/');
        var root = -1;
        for (var i = 0; i < segments.Length - 1 && root < 0; i++)
            if (segments[i] is "routes" or "api" && i > 0 && segments[i - 1] == "server") root = i;
        if (root < 0) root = Array.FindIndex(segments, 0, segments.Length - 1, s => s is "routes" or "api");
        if (root < 0) return null;
        var parts = Path.GetFileNameWithoutExtension(segments[^1]).Split('.').ToList();
        if (parts.Count > 1 && parts[^1] is "dev" or "prod" or "prerender") parts.RemoveAt(parts.Count - 1);
        var method = EndpointFact.AnyMethod;
        if (parts.Count > 1 && NitroMethods.Contains(parts[^1]))
        {
            method = parts[^1].ToUpperInvariant();
            parts.RemoveAt(parts.Count - 1);
        }
        var name = string.Join('.', parts);
        var route = segments[(segments[root] == "api" ? root : root + 1)..^1].Append(name).Where(s => s != "index");
        return ("/" + string.Join('/', route), method);
    }
}
