using System.IO.Compression;
using Framework.Plugins.Datasets.Tests.Idx.Support;
using Framework.Plugins.Idx;

namespace Framework.Plugins.Datasets.Tests.Idx;

public sealed class IdxFileTests : IDisposable
{
    private readonly IdxFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void TheHeaderGivesTheDimensionsAndThePayloadFollows()
    {
        var path = _files.WriteImages("images", 3, 2, 5, gzip: false);

        var (header, payload) = IdxFile.ReadAll(path, expectedDimensions: 3);

        Assert.Equal(new[] { 3, 2, 5 }, header.Dimensions);
        Assert.Equal(3, header.DeclaredCount);
        Assert.Equal(IdxFixture.PixelsOf(3, 10), payload);
    }

    [Fact]
    public void GzipIsRecognisedByContentWhateverTheFileName()
    {
        var gzipped = _files.WriteImages("images", 2, 2, 2, gzip: true);
        var renamed = Path.Combine(_files.Directory, "images-without-extension");
        File.Move(gzipped, renamed);

        Assert.Equal(IdxFixture.PixelsOf(2, 4), IdxFile.ReadAll(renamed, expectedDimensions: 3).Payload);
    }

    [Fact]
    public void ALimitReadsOnlyTheFirstItemsButRemembersHowManyThereAre()
    {
        var path = _files.WriteLabels("labels", [9, 8, 7, 6], gzip: true);

        var (header, payload) = IdxFile.ReadAll(path, expectedDimensions: 1, limit: 2);

        Assert.Equal(new byte[] { 9, 8 }, payload);
        Assert.Equal(2, header.Count);
        Assert.Equal(4, header.DeclaredCount);
    }

    [Fact]
    public void AFileThatIsNotIdxIsRejectedByName()
    {
        var path = _files.WriteRaw("text", "hello, world"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadAll(path, expectedDimensions: 3));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not an IDX file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdxTypeOtherThanUnsignedBytesIsRejected()
    {
        var path = _files.WriteRaw("floats", IdxFixture.Encode([1], new byte[4], type: 0x0D));

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadAll(path, expectedDimensions: 1));

        Assert.Contains("0x0D", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALabelsFileWhereImagesAreExpectedIsRejected()
    {
        var path = _files.WriteLabels("labels", [1, 2], gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadAll(path, expectedDimensions: 3));

        Assert.Contains("1 dimensions where 3 were expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedFileIsRejectedByName()
    {
        var whole = IdxFixture.Encode([4, 2, 2], IdxFixture.PixelsOf(4, 4));
        var path = _files.WriteRaw("truncated", whole[..^3]);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadAll(path, expectedDimensions: 3));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorruptGzipFileIsRejectedByName()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(IdxFixture.Encode([64], new byte[64]));
        var content = buffer.ToArray();
        for (var i = 10; i < content.Length - 8; i++)
            content[i] ^= 0x5A;
        var path = _files.WriteRaw("corrupt.gz", content);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadAll(path, expectedDimensions: 1));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePayloadIsReadOnlyIntoABufferOfExactlyItsSize()
    {
        var path = _files.WriteImages("images", 2, 3, 3, gzip: true);
        using var file = IdxFile.Open(path, expectedDimensions: 3);

        var error = Assert.Throws<ArgumentException>(() => file.ReadPayload(new byte[17]));

        Assert.Contains("18 to read", error.Message, StringComparison.Ordinal);
    }
}
