namespace Mesh.Engine.Model;

public enum DiagnosticSeverity { Info, Warning, Error }

/// <summary>Something an extractor could not read, or read only in part. Line is 1-based, 0 when unknown.</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Message, int Line = 0);

/// <summary>A diagnostic bound to a file of a repo.</summary>
public sealed record FileDiagnostic(string Repo, string File, string Extractor, Diagnostic Diagnostic);
