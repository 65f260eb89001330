using System.Net;
using System.Net.NetworkInformation;

namespace Mesh.McpServer.Http;

/// <summary>The addresses <c>--urls</c> names, and what follows from them: loopback or not, which Host names are ours.</summary>
public sealed class HttpBinding
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]", "::1"];

    private HttpBinding(IReadOnlyList<Uri> urls) => Urls = urls;

    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>True when every address is a loopback one: nothing off this machine can connect.</summary>
    public bool IsLoopbackOnly => Urls.All(u => IsLoopbackHost(u.Host));

    /// <summary>Parses Kestrel's <c>--urls</c> form (several separated by ';'); throws a clear error for anything else.</summary>
    public static HttpBinding Parse(string urls)
    {
        var parsed = new List<Uri>();
        foreach (var text in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards ('*', '+') are not valid URI hosts: read them as "every address".
            var normalized = text.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
                throw new Engine.MeshException($"'{text}' is not a URL to listen on; use e.g. --urls http://127.0.0.1:7780 (http or https, host and port, no path)");
            // Kestrel cannot bind an IPv4 address written the IPv6 way (the socket says only "invalid argument").
            if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && address.IsIPv4MappedToIPv6)
                throw new Engine.MeshException($"'{text}' writes the IPv4 address {address.MapToIPv4()} in IPv6 form, which cannot be listened on; use --urls {uri.Scheme}://{address.MapToIPv4()}:{uri.Port}");
            parsed.Add(uri);
        }
        if (parsed.Count == 0) throw new Engine.MeshException("--urls is empty; use e.g. --urls http://127.0.0.1:7780");
        return new HttpBinding(parsed);
    }

    public static bool IsLoopbackHost(string host)
    {
        var bare = host.Trim('[', ']');
        if (string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>
    /// Host header values that name this server: loopback names, each bound host, and for a wildcard address
    /// the machine's name and interface addresses (a client off the machine reaches it by one of those).
    /// </summary>
    public IReadOnlyList<string> HostNames()
    {
        var names = new SortedSet<string>(LoopbackNames, StringComparer.OrdinalIgnoreCase);
        foreach (var uri in Urls)
        {
            if (IsWildcard(uri.Host))
            {
                names.Add(Dns.GetHostName());
                foreach (var address in InterfaceAddresses()) names.Add(address);
            }
            else
            {
                names.Add(uri.Host);
            }
        }
        return [.. names];
    }

    private static bool IsWildcard(string host) => host is "0.0.0.0" or "[::]" or "::";

    private static IEnumerable<string> InterfaceAddresses()
    {
        foreach (var network in NetworkInterface.GetAllNetworkInterfaces())
        foreach (var unicast in network.GetIPProperties().UnicastAddresses)
            yield return unicast.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"[{unicast.Address.ToString().Split('%')[0]}]"
                : unicast.Address.ToString();
    }
}
