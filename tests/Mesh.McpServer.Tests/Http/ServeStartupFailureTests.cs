using System.Net;
using System.Net.Sockets;
using Mesh.Testing;

namespace Mesh.McpServer.Tests.Http;

/// <summary><c>mesh serve --http</c> that cannot listen says why in one sentence and exits 2, with no .NET stack trace.</summary>
public sealed class ServeStartupFailureTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public ServeStartupFailureTests() => ShopWorkspace.Create(_workspace);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_port_in_use_is_one_sentence_and_exit_2()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (code, line) = await Serve($"http://127.0.0.1:{port}");

        Assert.Equal(Cli.ToolFailed, code);
        Assert.Equal($"mesh: cannot listen on http://127.0.0.1:{port}: the port is already in use (by another mesh serve or another program); " +
            "stop that one, or pick another port with --urls (port 0 takes any free one)", line);
    }

    [Fact]
    public async Task An_ipv4_address_in_ipv6_form_is_one_sentence_naming_the_form_to_use()
    {
        var (code, line) = await Serve("http://[::ffff:127.0.0.1]:0");

        Assert.Equal(Cli.ToolFailed, code);
        Assert.Equal("mesh: 'http://[::ffff:127.0.0.1]:0' writes the IPv4 address 127.0.0.1 in IPv6 form, which cannot be listened on; use --urls http://127.0.0.1:0", line);
    }

    [Fact]
    public async Task An_address_not_of_this_machine_is_one_sentence()
    {
        // 192.0.2.0/24 is reserved for documentation: no machine has it.
        var (code, line) = await Serve("http://192.0.2.10:0", "0123456789abcdef-team-token");

        Assert.Equal(Cli.ToolFailed, code);
        Assert.StartsWith("mesh: cannot listen on http://192.0.2.10:0: ", line);
        Assert.Contains("(socket error AddressNotAvailable); listen on an address of this machine", line);
    }

    /// <summary>Runs serve --http to its end; returns the exit code and the one line it printed on stderr.</summary>
    private async Task<(int Code, string Line)> Serve(string urls, string? token = null)
    {
        var error = new StringWriter();
        var code = await Cli.RunAsync(["serve", "--http", "--urls", urls, "--workspace", _workspace.Root], new StringWriter(), error,
            environment: name => name == "MESH_TOKEN" ? token : null).WaitAsync(TimeSpan.FromSeconds(60));
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, error.ToString());
        return (code, lines[0].TrimEnd('\r'));
    }
}
