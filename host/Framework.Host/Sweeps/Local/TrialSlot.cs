using System.Globalization;

namespace Framework.Host.Sweeps.Local;

/// <summary>One place a local trial runs: a CUDA device (when there are any) and a share of the CPU cores.</summary>
/// <param name="Number">The slot's number, from 0.</param>
/// <param name="CudaDevice">The CUDA device trials in this slot see as their only one, or null on CPU.</param>
/// <param name="Threads">The cores a trial in this slot gets (its tensor threads when training.threads is 0).</param>
internal sealed record TrialSlot(int Number, int? CudaDevice, int Threads)
{
    /// <summary>
    /// The slots for a sweep: <paramref name="parallel"/> of them, or by default one per CUDA device, or one on CPU;
    /// devices are shared round-robin when there are more slots than devices, and the cores are divided evenly.
    /// </summary>
    public static IReadOnlyList<TrialSlot> Plan(int parallel, int cudaDevices, int cores)
    {
        int count = parallel > 0 ? parallel : Math.Max(1, cudaDevices);
        int threads = Math.Max(1, cores / count);
        return Enumerable.Range(0, count).Select(i => new TrialSlot(i, cudaDevices > 0 ? i % cudaDevices : null, threads)).ToList();
    }

    /// <summary>
    /// The environment a trial in this slot gets: <c>CUDA_VISIBLE_DEVICES</c> pins it to its device (only when its
    /// device setting lets the host choose: <c>auto</c> or <c>cuda</c>), and the process's core count is its share.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment(string deviceSetting)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // .NET reports this as Environment.ProcessorCount, which the trainer uses for training.threads = 0.
            ["DOTNET_PROCESSOR_COUNT"] = Threads.ToString(CultureInfo.InvariantCulture),
            ["OMP_NUM_THREADS"] = Threads.ToString(CultureInfo.InvariantCulture),
        };
        string device = deviceSetting.Trim().ToLowerInvariant();
        if (CudaDevice is { } cuda && device is "auto" or "cuda")
            environment["CUDA_VISIBLE_DEVICES"] = cuda.ToString(CultureInfo.InvariantCulture);
        return environment;
    }

    /// <summary>How the slot reads in messages.</summary>
    public string Describe() => CudaDevice is { } cuda ? $", cuda device {cuda}" : $", {Threads} core{(Threads == 1 ? "" : "s")}";
}
