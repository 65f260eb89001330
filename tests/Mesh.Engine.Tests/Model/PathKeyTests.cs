using Mesh.Engine.Model;

namespace Mesh.Engine.Tests.Model;

public sealed class PathKeyTests
{
    [Theory]
    [InlineData("/orders/{id}", "/orders/{}")]
    [InlineData("/orders/{orderId}", "/orders/{}")]
    [InlineData("/orders/{id:int}/lines/{line?}", "/orders/{}/lines/{}")]
    [InlineData("/files/{*path}", "/files/{}")]
    [InlineData("/orders/:id", "/orders/{}")]
    [InlineData("/orders/:orderId(\\d+)/lines/:line?", "/orders/{}/lines/{}")]
    [InlineData("/blog/[slug]/[...rest]", "/blog/{}/{}")]
    [InlineData("/users/<int:user_id>", "/users/{}")]
    [InlineData("/a/{x:regex(^\\d{{3}}$)}", "/a/{}")]
    [InlineData("orders//{id}/", "/orders/{}")]
    [InlineData("/orders?status=paid#top", "/orders")]
    [InlineData("/reports/{year}-{month}", "/reports/{}-{}")]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    public void Parameters_become_empty_braces_and_slashes_fold(string template, string key) =>
        Assert.Equal(key, PathKey.FromTemplate(template));
}
