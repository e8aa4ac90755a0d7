using static TorchSharp.torch;

namespace Framework.Training.Optimization;

/// <summary>Where a tensor's first value lies in memory, to tell whether two tensors are the same memory.</summary>
internal static class TensorAddress
{
    /// <summary>The address of the tensor's first value, or null for a dtype whose storage TorchSharp does not expose here.</summary>
    public static long? Of(Tensor tensor) => tensor.dtype switch
    {
        ScalarType.Float32 => (long)tensor.storage<float>().data_ptr() + tensor.storage_offset() * sizeof(float),
        ScalarType.Float64 => (long)tensor.storage<double>().data_ptr() + tensor.storage_offset() * sizeof(double),
        _ => null,
    };
}
