using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction;

/// <summary>Collects what the readers of one file find, then freezes it into sorted <see cref="FileFacts"/>.</summary>
public sealed class FactSink
{
    public List<EndpointFact> Endpoints { get; } = [];
    public List<CallSiteFact> CallSites { get; } = [];
    public SortedDictionary<string, ApiSchema> Schemas { get; } = new(StringComparer.Ordinal);
    public List<Diagnostic> Diagnostics { get; } = [];
    public List<MountFact> Mounts { get; } = [];
    public List<WrapperFact> Wrappers { get; } = [];
    public List<CallCandidateFact> CallCandidates { get; } = [];
    public List<ClientBindingFact> ClientBindings { get; } = [];
    public List<ServiceDeclarationFact> Services { get; } = [];
    public List<ConfigValueFact> ConfigValues { get; } = [];
    public List<ProxyRouteFact> ProxyRoutes { get; } = [];
    public List<ClientFixtureFact> ClientFixtures { get; } = [];
    public List<FixtureCallFact> FixtureCalls { get; } = [];
    public List<ValueFact> Values { get; } = [];
    public List<UrlHelperFact> UrlHelpers { get; } = [];

    public FileFacts ToFacts() => new(
        Endpoints.OrderBy(e => e.Line).ThenBy(e => e.Method, StringComparer.Ordinal).ThenBy(e => e.Path, StringComparer.Ordinal).ToList(),
        CallSites.OrderBy(c => c.Line).ThenBy(c => c.Url, StringComparer.Ordinal).ToList(),
        new SchemaTable(Schemas),
        Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Message, StringComparer.Ordinal).ToList())
    {
        Mounts = Mounts.OrderBy(m => m.Line).ThenBy(m => m.Scope, StringComparer.Ordinal).ToList(),
        Wrappers = Wrappers.OrderBy(w => w.Line).ThenBy(w => w.Function, StringComparer.Ordinal).ToList(),
        CallCandidates = CallCandidates.OrderBy(c => c.Line).ThenBy(c => c.Function, StringComparer.Ordinal).ToList(),
        ClientBindings = ClientBindings.OrderBy(b => b.Line).ThenBy(b => b.ClientScope, StringComparer.Ordinal).ToList(),
        Services = Services.OrderBy(s => s.Line).ThenBy(s => s.Name, StringComparer.Ordinal).ToList(),
        ConfigValues = ConfigValues.OrderBy(c => c.Line).ThenBy(c => c.Key, StringComparer.Ordinal).ToList(),
        ProxyRoutes = ProxyRoutes.OrderBy(r => r.Line).ThenBy(r => r.Name, StringComparer.Ordinal).ToList(),
        ClientFixtures = ClientFixtures.OrderBy(f => f.Line).ThenBy(f => f.Name, StringComparer.Ordinal).ToList(),
        UrlHelpers = UrlHelpers.OrderBy(h => h.Line).ThenBy(h => h.Function, StringComparer.Ordinal).ToList(),
        FixtureCalls = FixtureCalls.OrderBy(c => c.Call.Line).ThenBy(c => c.Call.Url, StringComparer.Ordinal).ThenBy(c => c.Fixture, StringComparer.Ordinal).ToList(),
        // Aliases of one name keep their written order (a class's bases are looked up left to right).
        Values = Values.OrderBy(v => v.Line).ThenBy(v => v.Name, StringComparer.Ordinal).ToList(),
    };
}
