using System.Buffers.Binary;
using System.IO.Compression;

namespace Framework.Plugins.Idx;

/// <summary>An open IDX file (LeCun's MNIST format), gzipped or plain: its header read, its payload ready to stream.</summary>
/// <remarks>
/// The header is a big-endian magic number (two zero bytes, a type code, the number of dimensions) followed by one
/// big-endian 32-bit size per dimension; the payload follows in row-major order. Only the unsigned-byte type (0x08)
/// is supported: every MNIST-family data set uses it. The payload is read in one bulk read into memory the caller
/// provides (a tensor's storage for images), so that 60,000 images cost no managed copy and no per-pixel work.
/// </remarks>
internal sealed class IdxFile : IDisposable
{
    private const byte UnsignedByteType = 0x08;

    private readonly FileStream _file;
    private readonly Stream _stream;

    private IdxFile(string path, FileStream file, Stream stream, int[] dimensions, int declaredCount)
    {
        Path = path;
        _file = file;
        _stream = stream;
        Dimensions = dimensions;
        DeclaredCount = declaredCount;
    }

    /// <summary>The file, for error messages.</summary>
    public string Path { get; }

    /// <summary>The dimensions; the first is the number of items that will be read.</summary>
    public int[] Dimensions { get; }

    /// <summary>The number of items the file holds, read or not.</summary>
    public int DeclaredCount { get; }

    /// <summary>The number of items that will be read.</summary>
    public int Count => Dimensions[0];

    /// <summary>The dimensions of one item (<c>[28, 28]</c> for an image, empty for a label).</summary>
    public ReadOnlySpan<int> ItemDimensions => Dimensions.AsSpan(1);

    /// <summary>The size in bytes of the payload that will be read.</summary>
    public long PayloadLength => Dimensions.Aggregate(1L, (product, d) => product * d);

    /// <summary>Opens an IDX file of unsigned bytes and reads its header.</summary>
    /// <param name="path">The file; gzip compression is recognised by its content, not its name.</param>
    /// <param name="expectedDimensions">The number of dimensions the caller needs (3 for images, 1 for labels).</param>
    /// <param name="limit">Read only the first this many items; 0 reads all.</param>
    /// <exception cref="InvalidDataException">The file is not an IDX file of the expected shape, or is truncated.</exception>
    public static IdxFile Open(string path, int expectedDimensions, int limit = 0)
    {
        var file = File.OpenRead(path);
        var stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        try
        {
            var (dimensions, declaredCount) = ReadHeader(stream, path, expectedDimensions, limit);
            return new IdxFile(path, file, stream, dimensions, declaredCount);
        }
        catch
        {
            stream.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads the whole file into a new array: for labels and other small files.</summary>
    public static (IdxFile Header, byte[] Payload) ReadAll(string path, int expectedDimensions, int limit = 0)
    {
        using var file = Open(path, expectedDimensions, limit);
        var payload = new byte[file.PayloadLength];
        file.ReadPayload(payload);
        return (file, payload);
    }

    /// <summary>Reads the payload (the items up to the limit) into <paramref name="destination"/>, which must be exactly <see cref="PayloadLength"/> bytes.</summary>
    public void ReadPayload(Span<byte> destination)
    {
        if (destination.Length != PayloadLength)
            throw new ArgumentException($"The destination holds {destination.Length} bytes; '{Path}' has {PayloadLength} to read.", nameof(destination));
        ReadExactly(_stream, destination, Path, $"the {Count} items its header promises");
    }

    public void Dispose()
    {
        _stream.Dispose();
        _file.Dispose();
    }

    private static (int[] Dimensions, int DeclaredCount) ReadHeader(Stream stream, string path, int expectedDimensions, int limit)
    {
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
            throw new InvalidDataException($"'{path}' holds {length} bytes, more than one buffer can; set a limit on the number of items.");
        return (dimensions, declaredCount);
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
