using System.Text.Json;

namespace Mesh.Engine.Diff.Reports;

/// <summary><c>--format json</c>: the <see cref="DiffDocument"/>, indented, nulls left out.</summary>
public sealed class JsonDiffFormat : IDiffFormat
{
    public string Write(DiffOutcome outcome) => JsonSerializer.Serialize(DiffDocument.From(outcome), MeshJson.Indented) + "\n";
}
