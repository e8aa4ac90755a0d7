using System.Buffers.Binary;
using System.IO.Compression;

namespace Framework.Plugins.Idx;

/// <summary>Reads IDX files (LeCun's MNIST format), gzipped or plain, straight into one byte array.</summary>
/// <remarks>
/// The header is a big-endian magic number (two zero bytes, a type code, the number of dimensions) followed by one
/// big-endian 32-bit size per dimension; the payload follows in row-major order. Only the unsigned-byte type (0x08)
/// is supported: every MNIST-family data set uses it. The payload is read with one bulk read into an array of the
/// exact size, so that 60,000 images cost one allocation and no per-pixel work.
/// </remarks>
internal static class IdxReader
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an IDX file of unsigned bytes.</summary>
    /// <param name="path">The file; gzip compression is recognised by its content, not its name.</param>
    /// <param name="expectedDimensions">The number of dimensions the caller needs (3 for images, 1 for labels).</param>
    /// <param name="limit">Read only the first this many items; 0 reads all.</param>
    /// <returns>The dimensions (the first cut to what was read) and the payload.</returns>
    /// <exception cref="InvalidDataException">The file is not an IDX file of the expected shape, or is truncated.</exception>
    public static IdxArray Read(string path, int expectedDimensions, int limit = 0)
    {
        using var file = File.OpenRead(path);
        using var stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;

        Span<byte> magic = stackalloc byte[4];
        ReadExactly(stream, magic, path, "its header");
        if (magic[0] != 0 || magic[1] != 0)
            throw new InvalidDataException(
                $"'{path}' is not an IDX file: it should start with two zero bytes, found 0x{magic[0]:X2} 0x{magic[1]:X2}.");
        if (magic[2] != UnsignedByteType)
            throw new InvalidDataException(
                $"'{path}' stores IDX type 0x{magic[2]:X2}; only unsigned bytes (0x08), as in MNIST and Fashion-MNIST, are supported.");
        if (magic[3] != expectedDimensions)
            throw new InvalidDataException(
                $"'{path}' has {magic[3]} dimensions where {expectedDimensions} were expected " +
                $"({(expectedDimensions == 1 ? "a labels file" : "an images file of [count, height, width]")}); is it the right file?");

        var dimensions = new int[expectedDimensions];
        Span<byte> size = stackalloc byte[4];
        for (var i = 0; i < dimensions.Length; i++)
        {
            ReadExactly(stream, size, path, "its header");
            var value = BinaryPrimitives.ReadUInt32BigEndian(size);
            if (value > int.MaxValue)
                throw new InvalidDataException($"'{path}' declares dimension {i} of size {value}, which is too large.");
            dimensions[i] = (int)value;
        }

        var declaredCount = dimensions[0];
        if (limit > 0 && limit < dimensions[0])
            dimensions[0] = limit;
        var length = dimensions.Aggregate(1L, (product, d) => product * d);
        if (length > Array.MaxLength)
            throw new InvalidDataException($"'{path}' holds {length} bytes, more than one array can; set a limit on the number of items.");

        var data = new byte[length];
        ReadExactly(stream, data, path, $"the {dimensions[0]} items its header promises");
        return new IdxArray(path, dimensions, data, declaredCount);
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> signature = stackalloc byte[2];
        var read = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{path}' is truncated: it ends before {what}. Download or install it again.", e);
        }
        catch (InvalidDataException e)
        {
            // Only GZipStream throws this here; its message does not say which file is corrupt.
            throw new InvalidDataException($"'{path}' is not a valid gzip file ({e.Message}). Download or install it again.", e);
        }
    }
}
