using Mesh.Engine.Resolution;

namespace Mesh.Engine.Tests.Resolution;

public sealed class TestCodeTests
{
    [Theory]
    [InlineData("tests/api/test_orders.py", true)]
    [InlineData("conftest.py", true)]
    [InlineData("shop/conftest.py", true)]
    [InlineData("shop/tests.py", true)]
    [InlineData("shop/orders_test.py", true)]
    [InlineData("src/Orders.Tests/OrdersTests.cs", true)]
    [InlineData("web/src/api.spec.ts", true)]
    [InlineData("shop/views.py", false)]
    [InlineData("shop/testing_utils.py", false)]
    [InlineData("contest.py", false)]
    public void Test_files_are_known_by_their_folders_and_names(string path, bool isTest) =>
        Assert.Equal(isTest, TestCode.IsTestPath(path));
}
