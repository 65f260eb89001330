using Mesh.Engine.Linking;

namespace Mesh.Engine.Tests.Linking;

public sealed class CallUrlTests
{
    [Theory]
    [InlineData("/orders/{id}", "/orders/{}")]
    [InlineData("/orders/{id:int}/lines/{line?}", "/orders/{}/lines/{}")]
    [InlineData("/users/:userId/posts", "/users/{}/posts")]
    [InlineData("/items/<int:item_id>", "/items/{}")]
    [InlineData("/items/${itemId}/reviews", "/items/{}/reviews")]
    [InlineData("/files/{*path}", "/files/{}")]
    [InlineData("/static/*", "/static/{}")]
    [InlineData("/blog/[slug]", "/blog/{}")]
    [InlineData("/search/%s/page/%d", "/search/{}/page/{}")]
    [InlineData("//orders///{id}/", "/orders/{}")]
    [InlineData("/v{version}/orders", "/v{}/orders")]
    public void Every_parameter_syntax_normalizes_to_the_same_path_key(string path, string key) =>
        Assert.Equal(key, CallUrl.Parse(path).PathKey);

    [Fact]
    public void Absolute_urls_split_into_scheme_host_and_path_and_keep_api_version()
    {
        var url = CallUrl.Parse("https://user@Orders.Internal:8443/api/orders/{id}?api-version=2.0&expand=lines#top");

        Assert.Equal(("https", "orders.internal", "/api/orders/{id}", "2.0"), (url.Scheme, url.Host, url.Path, url.ApiVersion));
        Assert.True(url.IsAbsolute);
    }

    [Fact]
    public void A_service_discovery_scheme_is_an_absolute_url()
    {
        var url = CallUrl.Parse("https+http://catalog-api");

        Assert.Equal(("catalog-api", "/"), (url.Host, url.Path));
    }

    [Fact]
    public void A_url_that_starts_with_a_runtime_value_is_marked()
    {
        Assert.True(CallUrl.Parse("{baseUrl}/orders").StartsWithHole);
        Assert.True(CallUrl.Parse("${API}/orders").StartsWithHole);
        Assert.False(CallUrl.Parse("/orders/{id}").StartsWithHole);
    }

    [Theory]
    // HttpClient, fetch(new URL(path, base)) and urljoin resolve references as RFC 3986 says.
    [InlineData("/api/", "orders", JoinStyle.Rfc3986, "/api/orders")]
    [InlineData("/api", "orders", JoinStyle.Rfc3986, "/orders")]
    [InlineData("/api/", "/orders", JoinStyle.Rfc3986, "/orders")]
    [InlineData("", "orders", JoinStyle.Rfc3986, "/orders")]
    // axios baseURL and Refit concatenate with one '/'.
    [InlineData("/api", "orders", JoinStyle.Concatenate, "/api/orders")]
    [InlineData("/api/", "/orders", JoinStyle.Concatenate, "/api/orders")]
    [InlineData("/api", "https://other.example.com/x", JoinStyle.Concatenate, "https://other.example.com/x")]
    public void Base_and_path_join_the_way_each_client_joins_them(string basePath, string relative, JoinStyle style, string expected) =>
        Assert.Equal(expected, UrlJoin.Join(basePath, relative, style));
}
