using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Tracking;

/// <summary>
/// The batching writer: the training thread only validates and queues; one background thread writes batches to the
/// store at least every <see cref="RunWriterOptions.FlushInterval"/>, on <see cref="Flush"/> (epoch end) and on
/// <see cref="End"/>.
/// </summary>
/// <remarks>
/// Queueing is a lock-free enqueue: the writer is not woken per call (on a busy machine every wake-up is a context
/// switch that the training threads pay for) but sleeps for the flush interval, unless a flush is asked for or a full
/// batch is waiting. The queue is bounded: when the store falls behind, logging waits rather than dropping values. A store error on the
/// writer thread cannot be thrown where the value was logged; it is logged and rethrown by the next
/// <see cref="Flush"/> or <see cref="End"/>. A run that is never ended is closed when the process exits: KILLED on
/// exit (and, with <see cref="RunWriterOptions.EndRunOnTerminationSignal"/>, on SIGINT/SIGTERM/SIGHUP), FAILED with the
/// exception as a tag on an unhandled exception.
/// </remarks>
internal sealed class QueuedRunTracker : IRunTracker
{
    private readonly ITrackingStore _store;
    private readonly ILogger _logger;
    private readonly RunWriterOptions _options;
    private readonly ConcurrentQueue<TrackingRecord> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _writer;
    private int _queued;
    private volatile bool _completed;
    private readonly Dictionary<string, string> _loggedParams;
    private readonly ConcurrentDictionary<string, byte> _validMetricKeys = new(StringComparer.Ordinal);
    private readonly Lock _endGate = new();
    private readonly List<PosixSignalRegistration> _signals = new();
    private Exception? _writeError;
    private bool _ended;
    private SystemMetrics.SystemMetricsMonitor? _systemMetrics;

    /// <param name="store">Where the run lives.</param>
    /// <param name="run">The run, already created (or re-opened) and RUNNING.</param>
    /// <param name="existingParams">Params the run already has (a resumed run), so that a changed value is refused at once.</param>
    /// <param name="logger">Receives write failures.</param>
    /// <param name="options">Batching; <see cref="RunWriterOptions.Default"/> when null.</param>
    public QueuedRunTracker(ITrackingStore store, RunInfo run, IReadOnlyDictionary<string, string> existingParams, ILogger logger, RunWriterOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        Run = run ?? throw new ArgumentNullException(nameof(run));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _options = options ?? RunWriterOptions.Default;
        _loggedParams = new Dictionary<string, string>(existingParams, StringComparer.Ordinal);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = $"mlflow-writer-{run.RunId[..8]}" };
        _writer.Start();
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
        if (_options.EndRunOnTerminationSignal)
        {
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                // Not cancelled: once the run is ended the signal terminates the process as usual.
                _signals.Add(PosixSignalRegistration.Create(signal, context => EndQuietly(RunStatus.Killed, $"Stopped by {context.Signal}.")));
            }
        }
    }

    /// <summary>The run as the store created it.</summary>
    public RunInfo Run { get; }

    /// <inheritdoc />
    public string RunId => Run.RunId;

    /// <inheritdoc />
    public void LogParams(IReadOnlyDictionary<string, string> parameters)
    {
        ThrowIfEnded();
        var prepared = ParameterValues.Prepare(parameters);
        var fresh = new List<KeyValuePair<string, string>>();
        lock (_loggedParams)
        {
            foreach (var (key, value) in prepared.Values)
            {
                if (_loggedParams.TryGetValue(key, out var old))
                {
                    if (!string.Equals(old, value, StringComparison.Ordinal))
                    {
                        throw new ArgumentException(
                            $"Param '{key}' of run {RunId} is already '{old}' and MLflow params are write-once; cannot change it to " +
                            $"'{value}'. A changed configuration needs a new run (do not resume this one).", nameof(parameters));
                    }

                    continue;
                }

                fresh.Add(new(key, value));
            }

            foreach (var (key, value) in fresh)
            {
                _loggedParams[key] = value;
            }
        }

        foreach (var (artifactPath, text) in prepared.LongValueArtifacts)
        {
            LogTextArtifact(artifactPath, text);
        }

        if (prepared.LongValueArtifacts.Count > 0)
        {
            var hashed = prepared.Values.Where(p => p.Value.StartsWith("sha256:", StringComparison.Ordinal)).Select(p => p.Key);
            Enqueue(new TrackingRecord.Tags([new(MlflowTagKeys.HashedParams, string.Join(',', hashed))]));
        }

        if (fresh.Count > 0)
        {
            Enqueue(new TrackingRecord.Params([.. fresh]));
        }
    }

    /// <inheritdoc />
    public void SetTags(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ThrowIfEnded();
        foreach (var (key, value) in tags)
        {
            MlflowNames.ValidateKey(key, "tag");
            ArgumentNullException.ThrowIfNull(value, key);
            if (value.Length > MlflowLimits.MaxTagValueLength)
            {
                throw new ArgumentException(
                    $"Tag '{key}' has a value of {value.Length} characters; MLflow keeps at most {MlflowLimits.MaxTagValueLength}. " +
                    "Store long text as an artifact instead.", nameof(tags));
            }
        }

        Enqueue(new TrackingRecord.Tags([.. tags]));
    }

    /// <inheritdoc />
    public void LogMetrics(IReadOnlyDictionary<string, double> metrics, long step)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ThrowIfEnded();
        var now = TrackingClock.NowMs();
        var points = new MetricPoint[metrics.Count];
        var i = 0;
        foreach (var (key, value) in metrics)
        {
            if (!_validMetricKeys.ContainsKey(key))
            {
                MlflowNames.ValidateKey(key, "metric");
                _validMetricKeys.TryAdd(key, 0);
            }

            points[i++] = new MetricPoint(key, value, now, step);
        }

        Enqueue(new TrackingRecord.Metrics(points));
    }

    /// <inheritdoc />
    public void LogInputs(IReadOnlyList<DatasetInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ThrowIfEnded();
        foreach (var input in inputs)
        {
            input.Validate();
        }

        Enqueue(new TrackingRecord.Inputs([.. inputs]));
    }

    /// <inheritdoc />
    public void LogArtifact(string localPath, string artifactPath)
    {
        ThrowIfEnded();
        MlflowNames.ValidateArtifactPath(artifactPath);
        // Copied now (the SQLite store writes the final file, the REST store its spool), so the caller may overwrite
        // the file (the next checkpoint) as soon as this returns.
        _store.LogArtifact(Run, localPath, artifactPath);
    }

    /// <summary>Starts logging MLflow's system metrics through this run until it ends.</summary>
    public void StartSystemMetrics(SystemMetrics.SystemMetricsMonitor monitor)
    {
        ThrowIfEnded();
        _systemMetrics = monitor ?? throw new ArgumentNullException(nameof(monitor));
        monitor.Start();
    }

    /// <inheritdoc />
    public void Flush()
    {
        FlushQueue();
        ThrowWriteError();
    }

    /// <inheritdoc />
    public void End(RunStatus status)
    {
        // First, while the run still takes metrics: the monitor may be logging a step.
        StopSystemMetrics();
        lock (_endGate)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        foreach (var registration in _signals)
        {
            registration.Dispose();
        }

        FlushQueue();
        _completed = true;
        Wake();
        _writer.Join();
        try
        {
            _store.UpdateRun(RunId, status, TrackingClock.NowMs());
        }
        catch (TrackingException ex)
        {
            RecordWriteError(ex);
        }

        ThrowWriteError();
    }

    /// <summary>Sets the error tags and ends the run FAILED.</summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!IsEnded)
        {
            SetTags(ErrorTags(error));
            End(RunStatus.Failed);
        }
    }

    /// <summary>Whether <see cref="End"/> has been called.</summary>
    public bool IsEnded
    {
        get
        {
            lock (_endGate)
            {
                return _ended;
            }
        }
    }

    /// <summary>Ends a run that was not ended as FAILED ("disposed before it ended"), without throwing.</summary>
    public void Dispose()
    {
        if (!IsEnded)
        {
            EndQuietly(RunStatus.Failed, "The run was disposed before it was ended (the trainer stopped without a status).");
        }
    }

    private void StopSystemMetrics()
    {
        if (Interlocked.Exchange(ref _systemMetrics, null) is { } monitor)
        {
            monitor.Dispose();
            _logger.LogDebug("System metrics of run {RunId}: {Steps} steps, {Microseconds:F0} µs of CPU per sample",
                RunId, monitor.NextStep, monitor.CpuTimePerSample.TotalMicroseconds);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) =>
        EndQuietly(RunStatus.Killed, "The process exited before the run ended.");

    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e) =>
        EndQuietly(RunStatus.Failed, e.ExceptionObject is Exception ex ? $"{ex.GetType().Name}: {ex.Message}" : "Unhandled exception.");

    private void EndQuietly(RunStatus status, string reason)
    {
        try
        {
            if (!IsEnded)
            {
                SetTags(new Dictionary<string, string> { [MlflowTagKeys.Error] = Truncate(reason) });
                End(status);
            }
        }
        catch (Exception ex) when (ex is TrackingException or InvalidOperationException or ObjectDisposedException)
        {
            _logger.LogError(ex, "Could not end MLflow run {RunId} as {Status}", RunId, status);
        }
    }

    internal static Dictionary<string, string> ErrorTags(Exception error) => new()
    {
        [MlflowTagKeys.Error] = Truncate($"{error.GetType().Name}: {error.Message}"),
        [MlflowTagKeys.ErrorType] = Truncate(error.GetType().FullName ?? error.GetType().Name),
    };

    private static string Truncate(string text) =>
        text.Length <= MlflowLimits.MaxTagValueLength ? text : text[..(MlflowLimits.MaxTagValueLength - 14)] + " [cut to fit]";

    private void LogTextArtifact(string artifactPath, string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mlflow-param-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(file, text);
            _store.LogArtifact(Run, file, artifactPath);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private void Enqueue(TrackingRecord record)
    {
        if (_completed)
        {
            throw new InvalidOperationException($"Run {RunId} has ended; nothing more can be logged to it.");
        }

        // Back-pressure: a full queue makes the logging thread wait for the writer, never drop a value.
        while (Volatile.Read(ref _queued) >= _options.QueueCapacity)
        {
            Wake();
            Thread.Sleep(1);
        }

        _queue.Enqueue(record);
        var queued = Interlocked.Increment(ref _queued);
        if (record is TrackingRecord.Flush || queued == _options.MaxBatchSize)
        {
            Wake();
        }
    }

    private void Wake()
    {
        // One pending wake-up is enough: the writer drains everything each time it runs.
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private void FlushQueue()
    {
        if (_completed)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new TrackingRecord.Flush(done));
        done.Task.Wait();
    }

    private void ThrowIfEnded()
    {
        if (IsEnded)
        {
            throw new InvalidOperationException($"Run {RunId} has ended; nothing more can be logged to it.");
        }
    }

    private void RecordWriteError(Exception error)
    {
        _logger.LogError(error, "Writing to MLflow run {RunId} at {Location} failed", RunId, _store.Location);
        Interlocked.CompareExchange(ref _writeError, error, null);
    }

    private void ThrowWriteError()
    {
        var error = Interlocked.Exchange(ref _writeError, null);
        if (error is not null)
        {
            throw new TrackingException($"Writing to MLflow run {RunId} at {_store.Location} failed: {error.Message}", error);
        }
    }

    private void WriteLoop()
    {
        var metrics = new List<MetricPoint>();
        var parameters = new List<KeyValuePair<string, string>>();
        var tags = new List<KeyValuePair<string, string>>();

        void Write()
        {
            if (metrics.Count + parameters.Count + tags.Count == 0)
            {
                return;
            }

            try
            {
                _store.LogBatch(RunId, metrics, parameters, tags);
            }
            catch (Exception ex) when (ex is TrackingException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                RecordWriteError(ex);
            }

            metrics.Clear();
            parameters.Clear();
            tags.Clear();
        }

        void WriteInputs(DatasetInput[] inputs)
        {
            try
            {
                _store.LogInputs(RunId, inputs);
            }
            catch (Exception ex) when (ex is TrackingException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                RecordWriteError(ex);
            }
        }

        while (true)
        {
            var completed = _completed;
            _wake.Wait(_options.EffectiveFlushInterval);
            while (_queue.TryDequeue(out var record))
            {
                Interlocked.Decrement(ref _queued);
                switch (record)
                {
                    case TrackingRecord.Metrics m:
                        metrics.AddRange(m.Points);
                        break;
                    case TrackingRecord.Params p:
                        parameters.AddRange(p.Values);
                        break;
                    case TrackingRecord.Tags t:
                        tags.AddRange(t.Values);
                        break;
                    case TrackingRecord.Inputs i:
                        // Written in order with what came before (the run's params and tags), once per run.
                        Write();
                        WriteInputs(i.Values);
                        continue;
                    case TrackingRecord.Flush f:
                        Write();
                        f.Done.TrySetResult();
                        continue;
                }

                if (metrics.Count + parameters.Count + tags.Count >= _options.MaxBatchSize)
                {
                    Write();
                }
            }

            Write();
            if (completed || (_completed && _queue.IsEmpty))
            {
                return;
            }
        }
    }
}
