using Mesh.Engine.Extraction.CSharp;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Tests.Extraction.CSharp;

public sealed class CSharpConstantsTests
{
    /// <summary>Evaluates the argument of the call to <c>Url(...)</c> in the source.</summary>
    private static TextValue UrlArgument(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, CSharpFile.ParseOptions);
        var file = new CSharpFile(tree, source);
        var call = file.Invocations.Single(i => CSharpFile.InvokedName(i) == "Url");
        return file.Constants.Evaluate(call.ArgumentList.Arguments[0].Expression);
    }

    [Theory]
    [InlineData("""class C { private readonly string b = "api/catalog/"; void M(int id) => Url($"{b}items/{id}"); }""", "api/catalog/items/{id}", false)]
    [InlineData("""class C { const string B = "/v1"; static readonly string O = B + "/orders"; void M() => Url(O + "/open"); }""", "/v1/orders/open", true)]
    [InlineData("""class C { void M() => Url(string.Format("/orders/{0}/lines/{1:D}", 7, line)); }""", "/orders/7/lines/{line}", false)]
    [InlineData("""class C { void M() => Url(new Uri("/health", UriKind.Relative)); }""", "/health", true)]
    [InlineData("""class C { void M() => Url(nameof(Orders) + "/x"); }""", "Orders/x", true)]
    [InlineData("""class C { void M() => Url(config["OrdersUrl"] + "/orders"); }""", "{config}/orders", false)]
    public void String_expressions_evaluate_to_text_with_holes(string source, string text, bool complete)
    {
        var value = UrlArgument(source);

        Assert.Equal(text, value.Text);
        Assert.Equal(complete, value.Complete);
    }

    [Fact]
    public void A_readonly_field_assigned_in_a_constructor_is_not_a_constant()
    {
        var value = UrlArgument("""class C { private readonly string b = "default/"; C(string x) { b = x; } void M() => Url(b + "items"); }""");

        Assert.Equal("{b}items", value.Text);
        Assert.False(value.Complete);
    }
}
