using System.Buffers.Binary;
using System.IO.Compression;

namespace Framework.Plugins.Datasets.Tests.Idx.Support;

/// <summary>A temporary folder of small IDX files written byte by byte from the format's definition.</summary>
internal sealed class IdxFixture : IDisposable
{
    public IdxFixture() => Directory = System.IO.Directory.CreateTempSubdirectory("idx-").FullName;

    public string Directory { get; }

    /// <summary>Writes an images file of <paramref name="count"/> images whose pixel i of image n is (n * 31 + i * 7) mod 256.</summary>
    public string WriteImages(string name, int count, int height, int width, bool gzip) =>
        Write(name, [count, height, width], PixelsOf(count, height * width), gzip);

    /// <summary>Writes a labels file.</summary>
    public string WriteLabels(string name, byte[] labels, bool gzip) => Write(name, [labels.Length], labels, gzip);

    /// <summary>Writes raw bytes as a file, for malformed inputs.</summary>
    public string WriteRaw(string name, byte[] content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>The pixel values <see cref="WriteImages"/> writes.</summary>
    public static byte[] PixelsOf(int count, int pixelsPerImage)
    {
        var pixels = new byte[count * pixelsPerImage];
        for (var n = 0; n < count; n++)
        for (var i = 0; i < pixelsPerImage; i++)
            pixels[n * pixelsPerImage + i] = (byte)((n * 31 + i * 7) % 256);
        return pixels;
    }

    /// <summary>An IDX file: 0, 0, type 0x08 (unsigned byte), number of dimensions, big-endian sizes, payload.</summary>
    public static byte[] Encode(int[] dimensions, byte[] payload, byte type = 0x08)
    {
        var content = new byte[4 + 4 * dimensions.Length + payload.Length];
        content[2] = type;
        content[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(4 + 4 * i), dimensions[i]);
        payload.CopyTo(content, 4 + 4 * dimensions.Length);
        return content;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string Write(string name, int[] dimensions, byte[] payload, bool gzip)
    {
        var content = Encode(dimensions, payload);
        var path = Path.Combine(Directory, gzip ? name + ".gz" : name);
        using var file = File.Create(path);
        if (gzip)
        {
            using var compressed = new GZipStream(file, CompressionLevel.Fastest);
            compressed.Write(content);
        }
        else
        {
            file.Write(content);
        }

        return path;
    }
}
