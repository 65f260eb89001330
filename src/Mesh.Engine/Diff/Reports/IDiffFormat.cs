namespace Mesh.Engine.Diff.Reports;

/// <summary>One output format of <c>mesh diff</c>: the whole outcome as text, ending with a newline.</summary>
public interface IDiffFormat
{
    string Write(DiffOutcome outcome);
}
