using Mesh.Engine.Migration;
using Mesh.Engine.Queries;

namespace Mesh.Engine.Tests.Migration;

/// <summary>A renamed JSON field 'total' → 'amount': which quoted lines name the field, and how they read after.</summary>
public sealed class FieldRenameTests
{
    private static string? Renamed(string file, string line) =>
        FieldRename.Lines(file, new CodeExcerpt(10, [line]), "total", "amount") is [var only] ? only.Text : null;

    [Theory]
    [InlineData("src/api.ts", "return order.total;", "return order.amount;")]
    [InlineData("src/api.ts", "const t = order?.total ?? 0;", "const t = order?.amount ?? 0;")]
    [InlineData("src/api.ts", "sum += data['total'];", "sum += data['amount'];")]
    [InlineData("src/api.ts", "export interface Order { id: string; total: number }", "export interface Order { id: string; amount: number }")]
    [InlineData("src/api.ts", "  total?: number;", "  amount?: number;")]
    [InlineData("src/api.ts", "await api.post('/orders', { id, total: 10 });", "await api.post('/orders', { id, amount: 10 });")]
    [InlineData("reports/job.py", "return [o for o in rows if o[\"total\"] > 0]", "return [o for o in rows if o[\"amount\"] > 0]")]
    [InlineData("reports/job.py", "value = row.get('total', 0)", "value = row.get('amount', 0)")]
    [InlineData("reports/job.py", "    total: float", "    amount: float")]
    [InlineData("reports/job.py", "client.post(\"/orders\", json={\"total\": 10})", "client.post(\"/orders\", json={\"amount\": 10})")]
    [InlineData("src/Client.cs", "return orders.Sum(o => o.Total);", "return orders.Sum(o => o.Amount);")]
    [InlineData("src/Client.cs", "public record OrderView(string Id, decimal Total);", "public record OrderView(string Id, decimal Amount);")]
    [InlineData("src/Client.cs", "    public decimal Total { get; init; }", "    public decimal Amount { get; init; }")]
    [InlineData("src/Client.cs", "    [JsonPropertyName(\"total\")] public decimal Sum { get; init; }", "    [JsonPropertyName(\"amount\")] public decimal Sum { get; init; }")]
    [InlineData("src/Client.cs", "var order = new NewOrder { Total = 10m };", "var order = new NewOrder { Amount = 10m };")]
    [InlineData("src/Client.cs", "var order = new NewOrder(Total: 10m);", "var order = new NewOrder(Amount: 10m);")]
    [InlineData("src/Client.cs", "var total = json.GetProperty(\"total\").GetDecimal();", "var total = json.GetProperty(\"amount\").GetDecimal();")]
    public void A_line_that_names_the_field_is_rewritten(string file, string line, string expected) =>
        Assert.Equal(expected, Renamed(file, line));

    [Theory]
    [InlineData("src/api.ts", "const total = sum(prices);")]
    [InlineData("src/api.ts", "function add(price: number, total: number) {")]
    [InlineData("src/api.ts", "return { ...total };")]
    [InlineData("src/api.ts", "return order.totals;")]
    [InlineData("src/api.ts", "return order.total();")]
    [InlineData("src/api.ts", "log('could not read total: ' + id);")]
    [InlineData("reports/job.py", "def add(price, total: float):")]
    [InlineData("reports/job.py", "print(\"the 'total' was missing\")")]
    [InlineData("src/Client.cs", "decimal total = 0;")]
    [InlineData("src/Client.cs", "public Task<decimal> Total() => Sum();")]
    [InlineData("src/Client.cs", "return Total.Compute(order);")]
    public void A_line_that_only_shares_the_name_is_left_alone(string file, string line) =>
        Assert.Null(Renamed(file, line));

    [Fact]
    public void Each_rewritten_line_keeps_its_number_and_a_clipped_line_is_never_offered()
    {
        var clipped = "const x = order.total; // " + new string('x', 240) + "…";
        var code = new CodeExcerpt(7, ["export interface Order { total: number }", "", "const r = await api.get<Order>(url);", clipped, "return r.total;"]);

        var lines = FieldRename.Lines("src/api.ts", code, "total", "amount");

        Assert.Equal([new ReplacedLine(7, "export interface Order { amount: number }"), new ReplacedLine(11, "return r.amount;")], lines);
    }
}
