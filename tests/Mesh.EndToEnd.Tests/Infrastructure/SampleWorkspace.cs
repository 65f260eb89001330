using Mesh.Testing;

namespace Mesh.EndToEnd.Tests.Infrastructure;

/// <summary>Two real git repos, found by discovery (no mesh.json): orders (OpenAPI 3.1 YAML) and billing (Swagger 2 JSON).</summary>
public static class SampleWorkspace
{
    public const string OrdersSpec = "api/openapi.yaml";
    public const string BillingSpec = "docs/swagger.json";

    public static TempWorkspace Create()
    {
        var workspace = new TempWorkspace();
        workspace.AddRepo("orders").Write(OrdersSpec, Specs.OrdersYaml).Write("README.md", "# orders\n").Commit("orders api");
        workspace.AddRepo("billing").Write(BillingSpec, Specs.BillingJson).Commit("billing api");
        return workspace;
    }

    /// <summary>Every operation of the two specs, with the 1-based line of its method key in the file.</summary>
    public static IReadOnlyList<(string Repo, string Method, string Path, string File, int Line)> Operations { get; } =
    [
        ("billing", "GET", "/invoices/{id}", BillingSpec, LineOf(Specs.BillingJson, "\"get\"", 1)),
        ("orders", "GET", "/orders", OrdersSpec, LineOf(Specs.OrdersYaml, "    get:", 1)),
        ("orders", "POST", "/orders", OrdersSpec, LineOf(Specs.OrdersYaml, "    post:", 1)),
        ("orders", "GET", "/orders/{id}", OrdersSpec, LineOf(Specs.OrdersYaml, "    get:", 2)),
    ];

    private static int LineOf(string text, string marker, int occurrence)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var seen = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(marker, StringComparison.Ordinal) && ++seen == occurrence) return i + 1;
        }
        throw new InvalidOperationException($"fixture has no occurrence {occurrence} of {marker}");
    }
}
