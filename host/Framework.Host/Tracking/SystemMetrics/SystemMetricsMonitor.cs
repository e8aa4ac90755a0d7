using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Tracking.SystemMetrics;

/// <summary>
/// MLflow's system metrics monitor for one run: a background thread that samples CPU, memory, disk, network and (with
/// NVML) GPUs every sampling interval and logs the mean of each <c>samples_before_logging</c> samples as
/// <c>system/&lt;key&gt;</c> at step 0, 1, 2, ... (its own counter; a resumed run continues after its last step).
/// </summary>
/// <remarks>
/// As <c>mlflow.system_metrics.SystemMetricsMonitor</c> in MLflow 2.17, with one difference: each sample is read at the
/// end of its interval rather than at the start, so the CPU share covers the interval just passed (psutil's first
/// reading, which MLflow logs at step 0, is a meaningless 0). The same number of points are logged at the same times,
/// and, as in MLflow, stopping drops the samples of an unfinished step. A source that fails is dropped with a warning.
/// </remarks>
internal sealed class SystemMetricsMonitor : IDisposable
{
    private readonly List<ISystemSampler> _samplers;
    private readonly SystemMetricsOptions _options;
    private readonly Action<IReadOnlyDictionary<string, double>, long> _publish;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private readonly Dictionary<string, (double Sum, int Count, double Latest)> _pending = new(StringComparer.Ordinal);
    private long _step;
    private TimeSpan _sampleCpuTime;
    private int _samples;

    /// <param name="samplers">The sources, owned.</param>
    /// <param name="options">Interval, samples per step and key prefix.</param>
    /// <param name="firstStep">The step of the first point: 0, or one past the last system step of a resumed run.</param>
    /// <param name="publish">Logs one step's values (keys with the prefix).</param>
    /// <param name="logger">Failures of a source or of logging.</param>
    public SystemMetricsMonitor(IEnumerable<ISystemSampler> samplers, SystemMetricsOptions options, long firstStep,
        Action<IReadOnlyDictionary<string, double>, long> publish, ILogger logger)
    {
        _samplers = samplers.ToList();
        _options = options;
        _step = firstStep;
        _publish = publish;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "mlflow-system-metrics", Priority = ThreadPriority.BelowNormal };
    }

    /// <summary>The default sources on this machine: CPU and memory, disk, network, and GPUs when NVML is present.</summary>
    public static List<ISystemSampler> DefaultSamplers(ILogger logger)
    {
        var samplers = new List<ISystemSampler>();
        void Try(Func<ISystemSampler> create, string what)
        {
            try
            {
                samplers.Add(create());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or KeyNotFoundException or IndexOutOfRangeException)
            {
                logger.LogWarning("System metrics: no {What} metrics ({Reason})", what, e.Message);
            }
        }

        Try(() => new CpuMemorySampler(), "CPU and memory");
        Try(() => new DiskSampler(), "disk");
        Try(() => new NetworkSampler(), "network");
        if (NvmlGpuSampler.TryOpen(out var reason) is { } gpus)
            samplers.Add(gpus);
        logger.LogDebug("System metrics: {Gpus}", reason);
        return samplers;
    }

    /// <summary>The next step to be logged.</summary>
    public long NextStep => Interlocked.Read(ref _step);

    /// <summary>CPU time the sampling thread spent per sample so far (reading /proc, NVML; not the logging).</summary>
    public TimeSpan CpuTimePerSample => _samples == 0 ? TimeSpan.Zero : _sampleCpuTime / _samples;

    /// <summary>Starts sampling.</summary>
    public void Start() => _thread.Start();

    /// <summary>Stops sampling (the samples of an unfinished step are dropped) and waits for the thread.</summary>
    public void Stop()
    {
        _stop.Set();
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
            _thread.Join();
    }

    /// <summary>Takes one sample of every source into the pending step.</summary>
    internal void SampleOnce()
    {
        var started = Thread.CurrentThread == _thread ? ThreadCpuTime() : TimeSpan.Zero;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sampler in _samplers.ToList())
        {
            try
            {
                values.Clear();
                sampler.Sample(values);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or KeyNotFoundException or IndexOutOfRangeException)
            {
                _logger.LogWarning("System metrics: {Source} failed ({Reason}); it is no longer sampled", sampler.GetType().Name, e.Message);
                _samplers.Remove(sampler);
                sampler.Dispose();
                continue;
            }

            foreach (var (key, value) in values)
            {
                var name = sampler.LogsLatest ? "~" + key : key;
                var (sum, count, _) = _pending.GetValueOrDefault(name);
                _pending[name] = (sum + value, count + 1, value);
            }
        }

        if (Thread.CurrentThread == _thread)
        {
            _sampleCpuTime += ThreadCpuTime() - started;
            _samples++;
        }
    }

    /// <summary>Logs the pending step (means rounded to one decimal, as MLflow's aggregate_metrics; running totals such as
    /// the network's as they are, as MLflow's network monitor) and starts the next.</summary>
    internal void PublishPending()
    {
        if (_pending.Count == 0)
            return;
        var metrics = _pending.ToDictionary(
            p => _options.Prefix + p.Key.TrimStart('~'),
            p => p.Key[0] == '~' ? p.Value.Latest : Math.Round(p.Value.Sum / p.Value.Count, 1, MidpointRounding.ToEven),
            StringComparer.Ordinal);
        _pending.Clear();
        _publish(metrics, _step);
        Interlocked.Increment(ref _step);
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                for (var i = 0; i < _options.SamplesBeforeLogging; i++)
                {
                    if (_stop.Wait(_options.SamplingInterval))
                        return;
                    SampleOnce();
                }

                PublishPending();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or TrackingException)
        {
            // The run ended under us, or its store refused: system metrics stop, training does not.
            _logger.LogWarning("System metrics stopped: {Reason}", e.Message);
        }
    }

    /// <summary>The calling thread's CPU time (the monitor's own: what sampling costs the training process).</summary>
    private static TimeSpan ThreadCpuTime() =>
        OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuClock, out var time) == 0
            ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100)
            : TimeSpan.Zero;

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public void Dispose()
    {
        Stop();
        foreach (var sampler in _samplers)
            sampler.Dispose();
        _stop.Dispose();
    }
}
