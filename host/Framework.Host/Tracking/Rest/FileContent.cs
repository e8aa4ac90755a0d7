using System.Net;

namespace Framework.Host.Tracking.Rest;

/// <summary>A file as an HTTP body that opens the file afresh on every send, so a retried upload sends it whole again.</summary>
internal sealed class FileContent : HttpContent
{
    private readonly string _path;

    public FileContent(string path)
    {
        _path = path;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await using var file = File.OpenRead(_path);
        await file.CopyToAsync(stream).ConfigureAwait(false);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(_path);
        await file.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = new FileInfo(_path).Length;
        return true;
    }
}
