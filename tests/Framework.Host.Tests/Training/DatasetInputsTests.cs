using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Framework.Contracts.Data;
using Framework.Host.Training;
using static TorchSharp.torch;

namespace Framework.Host.Tests.Training;

/// <summary>How a loaded dataset becomes MLflow's two dataset inputs: digest of the data, source, schema and profile.</summary>
public sealed class DatasetInputsTests
{
    [Fact]
    public void TheDigestIsEightHexCharactersOfSha256OverTheExamplesAndLabelsAndChangesWithOneValue()
    {
        using var scope = NewDisposeScope();
        var x = arange(12, ScalarType.Float32).reshape(3, 2, 2);
        var y = tensor(new long[] { 0, 1, 1 });

        // Independently: dtype and shape as text, then the little-endian bytes, for examples and then labels.
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("Float32[3,2,2]"));
        bytes.AddRange(Enumerable.Range(0, 12).SelectMany(i => BitConverter.GetBytes((float)i)));
        bytes.AddRange(Encoding.UTF8.GetBytes("Int64[3]"));
        bytes.AddRange(new long[] { 0, 1, 1 }.SelectMany(BitConverter.GetBytes));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()))[..8], DatasetInputs.Digest(x, y));

        var digest = DatasetInputs.Digest(x, y);
        Assert.Equal(digest, DatasetInputs.Digest(x.clone(), y.clone()));
        var changed = x.clone();
        changed[2, 1, 1] = tensor(11.5f);
        Assert.NotEqual(digest, DatasetInputs.Digest(changed, y));
        Assert.NotEqual(digest, DatasetInputs.Digest(x, null));
        // A transposed view holds the same values in another order: another digest, not an error.
        Assert.NotEqual(digest, DatasetInputs.Digest(x.transpose(1, 2), y));
    }

    [Fact]
    public void APluginWithoutASourceIsRecordedAsCodeWithItsNameAndMetadata()
    {
        using var scope = NewDisposeScope();
        using var data = new Dataset(ones(4, 3), zeros(2, 3), ValueRange.Unit) { Metadata = new Dictionary<string, string> { ["size"] = "3" } };

        var inputs = DatasetInputs.Describe(data, "my-data");

        Assert.Equal(["my-data-train", "my-data-test"], inputs.Select(i => i.Name));
        Assert.Equal(["training", "testing"], inputs.Select(i => i.Tags["mlflow.data.context"]));
        Assert.All(inputs, i => Assert.Equal("code", i.SourceType));
        Assert.Equal("""{"tags":{"plugin":"my-data","size":"3","split":"train"}}""", inputs[0].Source);
        using var profile = JsonDocument.Parse(inputs[1].Profile!);
        Assert.Equal(6, profile.RootElement.GetProperty("features_size").GetInt64());
        Assert.Equal(24, profile.RootElement.GetProperty("features_nbytes").GetInt64());
        Assert.False(profile.RootElement.TryGetProperty("targets_shape", out _));
    }
}
