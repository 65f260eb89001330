using System.CommandLine;
using System.Text.Json;
using Mesh.Engine;
using Mesh.Engine.Migration;
using Mesh.Tools;

namespace Mesh.McpServer.Commands;

/// <summary>
/// <c>mesh migrate</c>: <c>propose_migration</c> for headless agents and scripts — the brief for a provider's change,
/// or with <c>--verify</c> the check of the consumers' working trees (exit 1 while a call does not fit).
/// </summary>
public static class MigrateCommand
{
    public static Command Create(TextWriter output)
    {
        var repo = new Option<string>("--repo") { Description = "The provider repo whose API changed", Required = true };
        var @base = new Option<string?>("--base") { Description = "Base revision of the provider (default HEAD)" };
        var head = new Option<string?>("--head") { Description = "Head revision of the provider (default: its working tree)" };
        var change = new Option<string?>("--change") { Description = "Only this change (an id from mesh diff / diff_schema)" };
        var consumer = new Option<string?>("--consumer") { Description = "Only this consumer repo" };
        var verify = new Option<bool>("--verify") { Description = "Check the consumers' working trees against the new contract instead of planning; exit 1 while a call does not fit" };
        var json = new Option<bool>("--json") { Description = "JSON (the tool's structured content) instead of text" };
        var command = new Command("migrate", "What each consumer must change for a provider's API change (the brief), or --verify their edits")
        {
            repo, @base, head, change, consumer, verify, json,
        };
        command.SetAction(parsed =>
        {
            var index = Cli.OpenIndex(parsed);
            var provider = parsed.GetValue(repo)!;
            index.Repo(provider);
            if (parsed.GetValue(consumer) is { } only) index.Repo(only);
            var headRef = parsed.GetValue(head);
            var request = new MigrationRequest(provider, parsed.GetValue(@base), headRef, headRef is null, parsed.GetValue(verify) ? null : parsed.GetValue(change), parsed.GetValue(consumer));
            if (parsed.GetValue(verify))
            {
                var report = MigrationVerifier.Verify(index, request);
                var verified = ProposeMigrationResult.FromVerification(report, parsed.GetValue(@base) ?? "HEAD");
                output.WriteLine(parsed.GetValue(json) ? JsonSerializer.Serialize(verified, MeshJson.Indented) : ProposeMigrationTool.RenderVerification(verified));
                return report.AllPass ? Cli.Ok : Cli.Findings;
            }
            var plan = ProposeMigrationResult.FromPlan(MigrationPlanner.Plan(index, request), 0, int.MaxValue, null);
            output.WriteLine(parsed.GetValue(json) ? JsonSerializer.Serialize(plan, MeshJson.Indented) : ProposeMigrationTool.RenderPlan(plan));
            return Cli.Ok;
        });
        return command;
    }
}
