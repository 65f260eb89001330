using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Mesh.McpServer.Http;

/// <summary>Why Kestrel could not listen, as one sentence with what to do; null for a failure that is not about listening.</summary>
public static class ListenFailure
{
    public static string? Describe(Exception exception, string urls)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AddressInUseException || e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
                return $"cannot listen on {urls}: the port is already in use (by another mesh serve or another program); stop that one, or pick another port with --urls (port 0 takes any free one)";
            if (e is SocketException socket)
                return $"cannot listen on {urls}: {socket.Message.TrimEnd('.')} (socket error {socket.SocketErrorCode}); listen on an address of this machine, e.g. --urls {MeshHttpOptions.DefaultUrls}";
        }
        return null;
    }
}
