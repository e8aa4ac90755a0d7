using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Training;

/// <summary>Raw access to a CPU tensor's values, for the vectorised passes that replace chains of tensor operations.</summary>
internal static class TensorMemory
{
    /// <summary>The address of the tensor's first float32 value; the caller has checked dtype, device and layout.</summary>
    public static unsafe float* Pointer(Tensor tensor) =>
        (float*)tensor.storage<float>().data_ptr() + tensor.storage_offset();
}
