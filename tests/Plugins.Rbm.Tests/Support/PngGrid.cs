using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Support;

/// <summary>Writes square images ([n, h, w] or [n, d] with d a square) as one greyscale PNG grid, so that tests can
/// leave pictures to look at.</summary>
internal static class PngGrid
{
    public static void Write(string path, Tensor images, int columns, double min, double max)
    {
        using var scope = NewDisposeScope();
        var n = (int)images.shape[0];
        var (height, width) = images.dim() == 2
            ? ((int)Math.Sqrt(images.shape[1]), (int)Math.Sqrt(images.shape[1]))
            : ((int)images.shape[^2], (int)images.shape[^1]);
        var values = images.detach().cpu().to_type(ScalarType.Float64).reshape(n, height * width).data<double>().ToArray();
        columns = columns > 0 ? columns : (int)Math.Ceiling(Math.Sqrt(n));
        var rows = (n + columns - 1) / columns;
        const int gap = 1;
        var gridWidth = columns * (width + gap) + gap;
        var gridHeight = rows * (height + gap) + gap;
        var pixels = new byte[gridHeight, gridWidth];
        for (var i = 0; i < n; i++)
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var v = (values[i * height * width + y * width + x] - min) / (max - min);
            pixels[gap + i / columns * (height + gap) + y, gap + i % columns * (width + gap) + x] = (byte)Math.Round(255 * Math.Clamp(v, 0, 1));
        }
        File.WriteAllBytes(path, Encode(pixels));
    }

    private static byte[] Encode(byte[,] pixels)
    {
        int height = pixels.GetLength(0), width = pixels.GetLength(1);
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
                raw.WriteByte(pixels[y, x]);
        }
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(raw.ToArray());
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), default compression, filter and interlace
        var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32([.. typeBytes, .. data]));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
