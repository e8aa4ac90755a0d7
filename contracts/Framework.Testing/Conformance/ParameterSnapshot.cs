using Framework.Training;
using static TorchSharp.torch;

namespace Framework.Testing.Conformance;

/// <summary>The bytes of every parameter a model registered with its optimisers, to compare runs bit for bit.</summary>
internal static class ParameterSnapshot
{
    public static byte[] Of(TrainingServices services)
    {
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream();
        foreach (var optimizer in services.Optimizers)
            foreach (var parameter in optimizer.Parameters)
                stream.Write(parameter.detach().cpu().contiguous().bytes);
        return stream.ToArray();
    }

    public static byte[] Of(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().cpu().contiguous().bytes.ToArray();
    }

    /// <summary>Where two snapshots first differ, in words.</summary>
    public static string Difference(byte[] expected, byte[] actual)
    {
        if (expected.Length != actual.Length)
            return $"{actual.Length} bytes of parameters instead of {expected.Length}";
        var first = expected.AsSpan().CommonPrefixLength(actual);
        var differing = expected.Zip(actual).Count(p => p.First != p.Second);
        return $"{differing} of {expected.Length} parameter bytes differ, the first at byte {first}";
    }
}
