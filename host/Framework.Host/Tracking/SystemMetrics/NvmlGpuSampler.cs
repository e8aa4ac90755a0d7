using System.Runtime.InteropServices;

namespace Framework.Host.Tracking.SystemMetrics;

/// <summary>
/// MLflow's GPU monitor through NVML (libnvidia-ml.so.1, the library pynvml loads), per device i:
/// <c>gpu_{i}_memory_usage_percentage</c>, <c>gpu_{i}_memory_usage_megabytes</c>, <c>gpu_{i}_utilization_percentage</c>,
/// <c>gpu_{i}_power_usage_watts</c> and <c>gpu_{i}_power_usage_percentage</c> (of the enforced power limit).
/// </summary>
/// <remarks>
/// Loaded only when the library is present (it comes with the NVIDIA driver): without it <see cref="TryOpen"/> says why
/// and the run goes on without GPU metrics, as MLflow's monitor does without pynvml. A device that does not report
/// power leaves out the power keys.
/// </remarks>
internal sealed class NvmlGpuSampler : ISystemSampler
{
    private const string Library = "libnvidia-ml.so.1";
    private readonly IntPtr _library;
    private readonly Api _api;
    private readonly IntPtr[] _devices;

    private NvmlGpuSampler(IntPtr library, Api api, IntPtr[] devices) => (_library, _api, _devices) = (library, api, devices);

    /// <summary>The number of GPUs sampled.</summary>
    public int DeviceCount => _devices.Length;

    public bool LogsLatest => false;

    /// <summary>Opens NVML and its devices; null with the reason when the library or a GPU is missing or NVML fails.</summary>
    public static NvmlGpuSampler? TryOpen(out string reason) => TryOpen(Library, out reason);

    internal static NvmlGpuSampler? TryOpen(string library, out string reason)
    {
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            reason = $"{library} is absent (no NVIDIA driver): no GPU metrics";
            return null;
        }

        try
        {
            var api = new Api(handle);
            Check(api.Init(), "nvmlInit_v2");
            Check(api.DeviceCount(out var count), "nvmlDeviceGetCount_v2");
            var devices = new IntPtr[count];
            for (uint i = 0; i < count; i++)
                Check(api.DeviceByIndex(i, out devices[i]), "nvmlDeviceGetHandleByIndex_v2");
            if (count == 0)
            {
                api.Shutdown();
                NativeLibrary.Free(handle);
                reason = "NVML reports no GPU: no GPU metrics";
                return null;
            }

            reason = $"{count} GPU(s) through NVML";
            return new NvmlGpuSampler(handle, api, devices);
        }
        catch (Exception e) when (e is InvalidOperationException or EntryPointNotFoundException)
        {
            NativeLibrary.Free(handle);
            reason = $"NVML failed ({e.Message}): no GPU metrics";
            return null;
        }
    }

    public void Sample(IDictionary<string, double> values)
    {
        for (var i = 0; i < _devices.Length; i++)
        {
            var device = _devices[i];
            if (_api.Memory(device, out var memory) == 0 && memory.Total > 0)
            {
                values[$"gpu_{i}_memory_usage_percentage"] = Math.Round(100.0 * memory.Used / memory.Total, 1);
                values[$"gpu_{i}_memory_usage_megabytes"] = memory.Used / 1e6;
            }

            if (_api.Utilization(device, out var utilization) == 0)
                values[$"gpu_{i}_utilization_percentage"] = utilization.Gpu;
            if (_api.Power(device, out var milliwatts) == 0)
            {
                values[$"gpu_{i}_power_usage_watts"] = milliwatts / 1000.0;
                if (_api.PowerLimit(device, out var limit) == 0 && limit > 0)
                    values[$"gpu_{i}_power_usage_percentage"] = 100.0 * milliwatts / limit;
            }
        }
    }

    public void Dispose()
    {
        _api.Shutdown();
        NativeLibrary.Free(_library);
    }

    private static void Check(int status, string function)
    {
        if (status != 0)
            throw new InvalidOperationException($"{function} returned NVML error {status}");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlUtilization
    {
        public uint Gpu;
        public uint MemoryShare;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int NoArguments();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CountFunction(out uint count);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int HandleFunction(uint index, out IntPtr device);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MemoryFunction(IntPtr device, out NvmlMemory memory);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int UtilizationFunction(IntPtr device, out NvmlUtilization utilization);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MilliwattsFunction(IntPtr device, out uint milliwatts);

    /// <summary>The NVML functions used, bound by name from the loaded library.</summary>
    private sealed class Api(IntPtr library)
    {
        public NoArguments Init { get; } = Bind<NoArguments>(library, "nvmlInit_v2");
        public NoArguments Shutdown { get; } = Bind<NoArguments>(library, "nvmlShutdown");
        public CountFunction DeviceCount { get; } = Bind<CountFunction>(library, "nvmlDeviceGetCount_v2");
        public HandleFunction DeviceByIndex { get; } = Bind<HandleFunction>(library, "nvmlDeviceGetHandleByIndex_v2");
        public MemoryFunction Memory { get; } = Bind<MemoryFunction>(library, "nvmlDeviceGetMemoryInfo");
        public UtilizationFunction Utilization { get; } = Bind<UtilizationFunction>(library, "nvmlDeviceGetUtilizationRates");
        public MilliwattsFunction Power { get; } = Bind<MilliwattsFunction>(library, "nvmlDeviceGetPowerUsage");
        public MilliwattsFunction PowerLimit { get; } = Bind<MilliwattsFunction>(library, "nvmlDeviceGetEnforcedPowerLimit");

        private static T Bind<T>(IntPtr library, string name) where T : Delegate =>
            Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));
    }
}
