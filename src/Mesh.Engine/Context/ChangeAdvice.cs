using Mesh.Engine.Diff;

namespace Mesh.Engine.Context;

/// <summary>What a consumer should do about a change, in one sentence of markdown (repository text in code spans).</summary>
public static class ChangeAdvice
{
    public static string For(Change change, AffectedConsumer call, string provider)
    {
        var rule = change.Rule;
        var surface = Markdown.Code($"mesh://repos/{provider}/apis");
        // A removed operation breaks every call still made to it, deprecated first or not.
        if (IsRemoval(rule))
            return $"stop calling this operation: move the call to its replacement in {Markdown.Code(provider)} (see {surface}) or remove the code that needs it.";
        if (call.Level < change.Level)
            return "probably nothing: Mesh found that this call does not use what changed; check that no code reads it untyped.";
        if (call.Level == ChangeLevel.Info) return "nothing required; for information.";
        var field = change.Site?.PropertyPath is { } path ? Markdown.Code(path) : null;
        var location = Markdown.Code(change.Location);
        if (rule.EndsWith("-property-removed", StringComparison.Ordinal) && field is not null)
            return rule.StartsWith("request", StringComparison.Ordinal)
                ? $"stop sending {field}: remove it from the request this call sends."
                : $"stop reading {field}: remove it from the type this call reads and from the code that uses it.";
        if (rule.Contains("-type-", StringComparison.Ordinal) && change.Before is not null && change.After is not null)
            return $"change the type at {location} from {Markdown.Code(change.Before)} to {Markdown.Code(change.After)} "
                + (rule.StartsWith("request", StringComparison.Ordinal) ? "in what this call sends." : "in the type this call reads and the code that uses it.");
        if (rule.Contains("became-required", StringComparison.Ordinal) || rule.StartsWith("new-required-", StringComparison.Ordinal))
            return $"send {field ?? location} in every request of this call.";
        return call.Level == ChangeLevel.Err
            ? $"update this call to the operation's new contract at {location} (see {surface})."
            : $"check this call against the operation's new contract at {location} (see {surface}).";
    }

    private static bool IsRemoval(string rule) =>
        rule.StartsWith("api-removed", StringComparison.Ordinal) || rule.StartsWith("api-path-removed", StringComparison.Ordinal);
}
