namespace Mesh.Engine.Model;

/// <summary>
/// Cross-file facts that an extractor cannot finish alone; the per-repo resolver composes them. They are
/// language-neutral: ASP.NET route groups and inherited controller routes, FastAPI/Flask/Express routers and
/// Django includes are all scopes mounted under prefixes.
/// </summary>
/// <param name="Scope">A scope whose routes (endpoints with this <see cref="EndpointFact.Scope"/>) are relative to the mount point.</param>
/// <param name="Parent">The scope it is mounted into; null for the application's root.</param>
/// <param name="Prefix">Route prefix added at this mount, as written (may be empty).</param>
/// <param name="Versions">API versions declared at the mount (e.g. <c>HasApiVersion</c>), if any.</param>
/// <param name="Inherited">
/// <paramref name="Parent"/> is a class that inherits <paramref name="Scope"/>'s routes (a viewset's base class): they
/// are served only where the class is mounted, never at the root when nothing mounts it.
/// </param>
public sealed record MountFact(string Scope, string? Parent, string Prefix, int Line, IReadOnlyList<string>? Versions = null, bool Inherited = false);

/// <summary>
/// A function of the repo that forwards one of its arguments as the URL of an HTTP call, so each of its callers is a
/// call site. <paramref name="Function"/> is the simple name callers use, or <c>object.member</c> for a member of a named
/// object literal (<c>const requests = { get: url => ... }</c>).
/// </summary>
/// <param name="UrlArgument">0-based index of the parameter that becomes the URL.</param>
/// <param name="MethodArgument">0-based index of a parameter that becomes the HTTP method, if any.</param>
/// <param name="Method">The method when the wrapper fixes it (e.g. a GetJson helper), or the default of its method parameter, upper case.</param>
/// <param name="UrlPrefix">Text the wrapper puts before the forwarded URL, if any.</param>
/// <param name="UrlProperty">
/// When the wrapper takes one options object (<c>request({ url, method = "GET" })</c>): the property of the argument at
/// <paramref name="UrlArgument"/> that holds the URL; <paramref name="MethodProperty"/> likewise for the method, with
/// <paramref name="Method"/> as its default.
/// </param>
public sealed record WrapperFact(
    string Function,
    int Arity,
    int UrlArgument,
    int? MethodArgument,
    string? Method,
    string Client,
    int Line,
    string? UrlPrefix = null,
    string? ClientScope = null,
    ApiSchema? ResponseSchema = null,
    string? UrlProperty = null,
    string? MethodProperty = null);

/// <summary>A call of a repo function with arguments that may be URLs; it becomes a call site when the function is a wrapper.</summary>
/// <param name="Arguments">Each argument as resolved text (literal, constant, interpolation with <c>{name}</c> holes), or null when unknown.</param>
/// <param name="Function">The name called; <c>requests.get</c> when it is a member of a named object (resolved by its last part too).</param>
/// <param name="Options">For each argument that is an object literal, its properties with resolved text (else null); null when there is none.</param>
/// <param name="Helpers">Calls of functions that may be URL helpers of other files, standing as holes in <paramref name="Arguments"/>.</param>
public sealed record CallCandidateFact(
    string Function, IReadOnlyList<string?> Arguments, int Line, ApiSchema? ResponseSchema = null,
    IReadOnlyList<IReadOnlyDictionary<string, string>?>? Options = null, IReadOnlyList<UrlHelperCall>? Helpers = null);

/// <summary>
/// A function of the repo that builds a URL from its parameters: what it returns, as text with a <c>{name}</c> hole for
/// each parameter it uses (<c>{baseUri}/{path}</c>). When the last parameter is a <c>params</c> array that the function
/// joins in a loop, the template holds that parameter twice with the separator between (<c>{parts}/{parts}</c>).
/// </summary>
public sealed record UrlHelperFact(string Function, IReadOnlyList<string> Parameters, bool Variadic, string Template, int Line);

/// <summary>
/// A call, inside a URL, of a function this file cannot see: the URL holds <paramref name="Hole"/> (<c>{Hole}</c>) in its
/// place until the resolver finds the function among the repo's <see cref="UrlHelperFact"/>s.
/// </summary>
/// <param name="Function">The function called; its name is the hole written back when it is no URL helper.</param>
/// <param name="Arguments">Each argument as resolved text with <c>{name}</c> holes.</param>
public sealed record UrlHelperCall(string Hole, string Function, IReadOnlyList<string> Arguments);

/// <summary>
/// Where a client's requests go: a typed client class or a named client bound to a base address, configuration key or
/// service name (e.g. <c>AddHttpClient&lt;CatalogService&gt;(c =&gt; c.BaseAddress = new("https+http://catalog-api"))</c>).
/// </summary>
public sealed record ClientBindingFact(string ClientScope, string BaseHint, int Line);

/// <summary>
/// A test fixture injected by name (pytest's <c>@pytest.fixture</c>) that provides an HTTP client: of kind
/// <paramref name="Client"/> (<c>fastapi-testclient</c>, <c>flask-testclient</c>, ...), or whatever the fixture
/// <paramref name="From"/> provides when it is built on another one.
/// </summary>
public sealed record ClientFixtureFact(string Name, string? Client, string? From, int Line, string? BaseHint = null);

/// <summary>
/// An HTTP-shaped call on a parameter injected by name (<c>def test_x(client): client.get("/orders/1")</c>): a test call
/// site when the repo declares a client fixture <paramref name="Fixture"/> that the file can see, else nothing. The
/// resolver puts the fixture's client into <paramref name="Call"/>.
/// </summary>
public sealed record FixtureCallFact(string Fixture, CallSiteFact Call);

/// <summary>A service declared by an app host or a compose file: a name and the project or repo folder that serves it.</summary>
public sealed record ServiceDeclarationFact(string Name, string Project, int Line);

/// <summary>A configuration value: ASP.NET-style key (<c>Services:Orders</c>) or environment variable name, as written.</summary>
public sealed record ConfigValueFact(string Key, string Value, int Line);

/// <summary>
/// A reverse-proxy route (YARP, Ocelot): requests matching <paramref name="MatchPath"/> go to <paramref name="Destination"/>,
/// with <paramref name="DestinationPath"/> as the path template there (null: the same path, minus <paramref name="RemovePrefix"/>).
/// </summary>
public sealed record ProxyRouteFact(string Name, string MatchPath, string Destination, string? DestinationPath, string? RemovePrefix, int Line);

/// <summary>
/// A named value a file declares, for other files to read: a module constant (<c>API_PREFIX = "/api"</c>), a class
/// field's default (<c>Settings.API_V1_STR</c>), or a name whose attributes are another symbol's (<paramref name="Alias"/>:
/// <c>settings = Settings()</c>, an import, a base class). <paramref name="Name"/> is dotted inside the file;
/// <paramref name="Text"/> may hold <see cref="SymbolReference"/> markers of its own. <paramref name="Injected"/>: the
/// name is a dependency-injection marker (FastAPI's <c>SessionDep = Annotated[Session, Depends(get_db)]</c>), never a
/// request field.
/// </summary>
public sealed record ValueFact(string Name, string? Text, string? Alias, int Line, bool Injected = false);
