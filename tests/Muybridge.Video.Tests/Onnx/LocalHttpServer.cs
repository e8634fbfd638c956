using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Muybridge.Video.Tests.Onnx;

/// <summary>
/// A minimal HTTP/1.1 file server on 127.0.0.1 for downloader tests (serves its content as /model.onnx and as any .tgz): honours <c>Range: bytes=N-</c>, and can be told to
/// cut the connection after some bytes of the next response.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly byte[] _content;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LocalHttpServer(byte[] content)
    {
        _content = content;
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Address(string path) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/{path}");

    /// <summary>When set, the next response stops after this many body bytes and the socket closes.</summary>
    public int? CutAfter { get; set; }

    public List<string?> RangesSeen { get; } = [];

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using (client)
            {
                await HandleAsync(client.GetStream());
            }
        }
    }

    private async Task HandleAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync();
        string? range = null;
        string? line;
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
        {
            if (line.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))
            {
                range = line["Range:".Length..].Trim();
            }
        }

        RangesSeen.Add(range);
        if (requestLine is null || !(requestLine.Contains("/model.onnx", StringComparison.Ordinal) || requestLine.Contains(".tgz ", StringComparison.Ordinal)))
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            return;
        }

        var from = range is not null ? int.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = _content.AsMemory(from);
        var status = range is not null ? $"206 Partial Content\r\nContent-Range: bytes {from}-{_content.Length - 1}/{_content.Length}" : "200 OK";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
        if (CutAfter is { } cut)
        {
            CutAfter = null;
            await stream.WriteAsync(body[..cut]);
            await stream.FlushAsync();
            return;
        }

        await stream.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}
