using System.Globalization;
using static TorchSharp.torch;

namespace Framework.Host.Training;

/// <summary>Turns <c>training.device</c> into a TorchSharp device; a CUDA request that cannot be met is an error, never a fallback.</summary>
internal static class DeviceResolver
{
    /// <summary>Resolves <paramref name="setting"/> (auto, cpu, cuda, cuda:N).</summary>
    /// <exception cref="DeviceUnavailableException">CUDA was asked for and is absent, or the index is out of range.</exception>
    public static Device Resolve(string setting)
    {
        string value = setting.Trim().ToLowerInvariant();
        if (value == "cpu")
            return CPU;
        if (value == "auto")
            return cuda.is_available() ? CUDA : CPU;
        if (value == "cuda" || value.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
                throw new DeviceUnavailableException(
                    $"training.device is '{setting}', but TorchSharp sees no CUDA device. This host was built with the " +
                    $"'{BackendName}' backend; build with -p:TorchBackend=cuda on a machine with an NVIDIA driver, or set device: cpu (or auto).");
            if (value == "cuda")
                return CUDA;
            int index = int.Parse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture);
            int count = cuda.device_count();
            if (index >= count)
                throw new DeviceUnavailableException(
                    $"training.device is '{setting}', but only {count} CUDA device(s) exist (cuda:0 to cuda:{count - 1}).");
            return new Device(TorchSharp.DeviceType.CUDA, index);
        }
        throw new DeviceUnavailableException($"training.device '{setting}' is not one of auto, cpu, cuda, cuda:N.");
    }

    /// <summary>The native backend this process loaded, for tags and messages.</summary>
    public static string BackendName => cuda.is_available() ? "cuda" : "cpu";
}
