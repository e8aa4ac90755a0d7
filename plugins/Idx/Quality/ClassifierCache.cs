using System.Security.Cryptography;
using static TorchSharp.torch;

namespace Framework.Plugins.Idx.Quality;

/// <summary>Keeps trained feature classifiers on disk, keyed by a digest of the data they were trained and tested on,
/// so a dataset's classifier is trained once per machine and every later run scores its samples in the same space.</summary>
internal static class ClassifierCache
{
    // Part of every digest: a change to the classifier's architecture or training makes old entries unreachable.
    private const string Version = "framework.idx.feature-classifier/1";

    /// <summary>SHA-256 of the classifier's version, the epochs and the four tensors' shapes and bytes, in hex.</summary>
    public static string Digest(int epochs, params Tensor[] tensors)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{Version};epochs={epochs}"));
        foreach (var tensor in tensors)
        {
            using var contiguous = tensor.cpu().contiguous();
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($";{contiguous.dtype}[{string.Join(",", contiguous.shape)}]"));
            hash.AppendData(contiguous.bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string PathFor(string directory, string digest) => Path.Combine(directory, $"idx-classifier-{digest[..16]}.bin");

    public static FeatureClassifier? TryRead(string path, string digest)
    {
        if (!File.Exists(path))
            return null;
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != Version || reader.ReadString() != digest)
            return null;
        var accuracy = reader.ReadDouble();
        var parameters = new Tensor[reader.ReadInt32()];
        for (var i = 0; i < parameters.Length; i++)
        {
            var shape = new long[reader.ReadInt32()];
            for (var d = 0; d < shape.Length; d++)
                shape[d] = reader.ReadInt64();
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (var v = 0; v < values.Length; v++)
                values[v] = reader.ReadSingle();
            parameters[i] = tensor(values, shape).DetachFromDisposeScope();
        }
        return FeatureClassifier.From(parameters, accuracy);
    }

    /// <summary>Writes to a temporary file and renames it, so a crash never leaves a truncated entry.</summary>
    public static void Write(string path, string digest, FeatureClassifier classifier)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Version);
            writer.Write(digest);
            writer.Write(classifier.TestAccuracy);
            writer.Write(classifier.Parameters.Count);
            foreach (var parameter in classifier.Parameters)
            {
                writer.Write(parameter.shape.Length);
                foreach (var size in parameter.shape)
                    writer.Write(size);
                foreach (var value in parameter.detach().cpu().data<float>())
                    writer.Write(value);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}
