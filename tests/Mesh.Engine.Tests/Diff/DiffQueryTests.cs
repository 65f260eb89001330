using Mesh.Engine.Diff;
using Mesh.Engine.Indexing;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mesh.Engine.Tests.Diff;

/// <summary>
/// A C# provider and a C# consumer in real git repos: the provider's API changes in a commit or in its working tree,
/// and the diff tells which change breaks which consumer, judged by the type the consumer reads.
/// </summary>
public sealed class DiffQueryTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly TempRepo _orders;
    private readonly TempRepo _web;

    private const string OrdersApi =
        """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/orders/{id:int}", (int id) => TypedResults.Ok(new Order(id, "open", 10m, "EUR")));
        app.MapDelete("/orders/{id:int}", (int id) => TypedResults.NoContent());
        app.Run();

        public record Order(int Id, string Status, decimal Total, string Currency);
        """;

    private const string WebClient =
        """
        public record OrderView(int Id, string Status, decimal Total);

        public class OrdersClient(HttpClient http)
        {
            public Task<OrderView?> Get(int id) => http.GetFromJsonAsync<OrderView>($"/orders/{id}");
        }
        """;

    private const string WebProgram =
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<OrdersClient>(c => c.BaseAddress = new Uri("http://orders"));
        builder.Build().Run();
        """;

    public DiffQueryTests()
    {
        _orders = _workspace.AddRepo("orders");
        _orders.Write("src/Program.cs", OrdersApi).Commit("orders api");
        _web = _workspace.AddRepo("web");
        _web.Write("src/OrdersClient.cs", WebClient).Write("src/Program.cs", WebProgram).Commit("web");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private async Task<WorkspaceIndex> IndexedAsync()
    {
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        return index;
    }

    [Fact]
    public async Task A_field_no_consumer_reads_is_a_warning_for_that_consumer_and_the_change_is_safe_to_ship()
    {
        var index = await IndexedAsync();
        _orders.Write("src/Program.cs", OrdersApi.Replace(", string Currency", "", StringComparison.Ordinal).Replace(", \"EUR\"", "", StringComparison.Ordinal));

        var report = DiffQuery.Run(index, new DiffRequest("orders"));

        Assert.Equal("worktree", report.Summary.Head);
        var removed = Assert.Single(report.Changes, c => c.Location.Contains("Currency", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("GET", removed.Method);
        var consumer = Assert.Single(removed.Affected);
        Assert.Equal(("web", "src/OrdersClient.cs", 5), (consumer.Repo, consumer.File, consumer.Line));
        Assert.True(consumer.Level < ChangeLevel.Err, consumer.Evidence);
        Assert.Contains("OrderView", consumer.Evidence, StringComparison.Ordinal);
        Assert.True(report.Summary.SafeToShip, report.Summary.Verdict);
    }

    [Fact]
    public async Task Removing_a_field_a_consumer_reads_breaks_that_consumer()
    {
        var index = await IndexedAsync();
        _orders.Write("src/Program.cs", OrdersApi.Replace(" decimal Total,", "", StringComparison.Ordinal).Replace(" 10m,", "", StringComparison.Ordinal)).Commit("drop total");

        var report = DiffQuery.Run(index, new DiffRequest("orders", "HEAD~1", "HEAD"));

        var removed = Assert.Single(report.Changes, c => c.Location.Contains("Total", StringComparison.OrdinalIgnoreCase));
        var consumer = Assert.Single(removed.Affected);
        Assert.Equal(removed.Level, consumer.Level);
        Assert.Contains("reads", consumer.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_an_operation_is_breaking_and_lists_its_callers()
    {
        var index = await IndexedAsync();
        _orders.Write("src/Program.cs", OrdersApi.Replace("app.MapGet(\"/orders/{id:int}\", (int id) => TypedResults.Ok(new Order(id, \"open\", 10m, \"EUR\")));\n", "", StringComparison.Ordinal));

        var report = DiffQuery.Run(index, new DiffRequest("orders"));

        var change = Assert.Single(report.Changes, c => c.Rule == "api-removed-without-deprecation");
        Assert.Equal(("GET", "/orders/{id:int}"), (change.Method, change.Path));
        Assert.Equal(ChangeLevel.Err, Assert.Single(change.Affected).Level);
        Assert.False(report.Summary.SafeToShip);
        Assert.Equal(1, report.Summary.Errors);
    }

    [Fact]
    public async Task An_unchanged_working_tree_has_no_changes_and_a_second_diff_parses_nothing()
    {
        var index = await IndexedAsync();

        var report = DiffQuery.Run(index, new DiffRequest("orders"));
        var again = DiffQuery.Run(index, new DiffRequest("orders"));

        Assert.Empty(report.Changes);
        Assert.True(report.Summary.SafeToShip);
        Assert.Equal(0, again.Summary.FilesParsed);
    }

    [Fact]
    public async Task An_unknown_ref_or_repo_is_an_error_that_names_what_is_valid()
    {
        var index = await IndexedAsync();

        var badRef = Assert.ThrowsAny<MeshException>(() => DiffQuery.Run(index, new DiffRequest("orders", "no-such-branch")));
        var badRepo = Assert.ThrowsAny<MeshException>(() => DiffQuery.Run(index, new DiffRequest("ordrs")));

        Assert.Contains("no-such-branch", badRef.Message, StringComparison.Ordinal);
        Assert.Contains("orders", badRepo.Message, StringComparison.Ordinal);
    }
}

/// <summary>Endpoints are matched by path key and method whatever the route syntax: renaming a parameter is not a removal.</summary>
public sealed class ParameterRenameDiffTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    [Theory]
    [InlineData("src/app.js", "const express = require('express');\nconst app = express();\napp.get('/orders/:id', (req, res) => res.json({}));\n", ":id", ":orderId")]
    [InlineData("app/main.py", "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/orders/<int:id>')\ndef order(id):\n    return {}\n", "<int:id>", "<int:order_id>")]
    public async Task Renaming_a_path_parameter_in_code_is_not_remove_plus_add(string file, string code, string before, string after)
    {
        var repo = _workspace.AddRepo("orders").Write(file, code);
        repo.Commit("api");
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        repo.Write(file, code.Replace(before, after, StringComparison.Ordinal));

        var report = DiffQuery.Run(index, new DiffRequest("orders"));

        Assert.Equal(1, report.Summary.OperationsBefore);
        Assert.Equal(1, report.Summary.OperationsAfter);
        Assert.True(!report.Changes.Any(c => c.Rule.Contains("removed", StringComparison.Ordinal) || c.Rule.Contains("added", StringComparison.Ordinal)), string.Join("; ", report.Changes.Select(c => $"{c.Rule} {c.Location} {c.Message}")));
    }
}
