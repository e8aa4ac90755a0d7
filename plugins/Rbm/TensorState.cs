using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm;

/// <summary>Writes float32 tensors into a checkpoint stream and reads them back into existing tensors in place.</summary>
internal static class TensorState
{
    public static void Write(BinaryWriter writer, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        writer.Write(cpu.dim());
        foreach (var size in cpu.shape)
            writer.Write(size);
        writer.Write(MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()));
    }

    public static void ReadInto(BinaryReader reader, Tensor target, string name)
    {
        var rank = reader.ReadInt64();
        var shape = new long[rank];
        for (var i = 0; i < rank; i++)
            shape[i] = reader.ReadInt64();
        if (!shape.SequenceEqual(target.shape))
            throw new InvalidDataException(
                $"The checkpoint's {name} has shape [{string.Join(", ", shape)}] but this model's is [{string.Join(", ", target.shape)}]; it was written by an RBM with other options.");
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var bytes = reader.ReadBytes(checked((int)(count * sizeof(float))));
        if (bytes.Length != count * sizeof(float))
            throw new EndOfStreamException($"The checkpoint ends inside {name}.");
        var values = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        target.copy_(tensor(values, shape).to(target.device));
    }
}
