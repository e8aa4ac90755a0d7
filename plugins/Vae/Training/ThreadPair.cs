namespace Framework.Plugins.Vae.Training;

/// <summary>The calling thread and one dedicated worker running the same work side by side, with a barrier between
/// phases: the two halves of <see cref="RowSplitMlpStep"/>.</summary>
/// <remarks>Why its own thread instead of the thread pool: the step hands work over about twenty times in 3 ms, and the
/// worker keeps its half of the data in its core's cache from one step to the next only if it stays the same thread.
/// Between steps it blocks; inside a step it spins, as OpenMP does.</remarks>
internal sealed class ThreadPair : IDisposable
{
    // The barrier counts of the two threads, a cache line apart: thread t writes only its own.
    private readonly long[] _arrivals = new long[32];
    private const int Stride = 16;
    private readonly Thread _worker;
    private readonly SemaphoreSlim _start = new(0);
    private readonly ManualResetEventSlim _finished = new(false);
    private Action<int>? _work;
    private Exception? _workerFault;
    private volatile bool _aborted, _disposed;

    private readonly Action? _workerSetup;

    /// <param name="name">The worker's name, as debuggers and <c>top</c> show it.</param>
    /// <param name="workerSetup">Runs once on the worker before its first work (thread-local settings).</param>
    public ThreadPair(string name, Action? workerSetup = null)
    {
        _workerSetup = workerSetup;
        _worker = new Thread(WorkerLoop) { IsBackground = true, Name = name };
        _worker.Start();
    }

    /// <summary>Runs <paramref name="work"/>(0) here and <paramref name="work"/>(1) on the worker; returns when both are done.</summary>
    public void Run(Action<int> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Volatile.Write(ref _arrivals[0], 0);
        Volatile.Write(ref _arrivals[Stride], 0);
        _aborted = false;
        _workerFault = null;
        _work = work;
        _finished.Reset();
        _start.Release();
        try
        {
            work(0);
        }
        catch (Exception e)
        {
            _aborted = true;  // releases the worker from any barrier it waits at
            _finished.Wait();
            if (e is OperationCanceledException && _workerFault is { } cause)
                throw new InvalidOperationException("The second thread of the training step failed.", cause);
            throw;
        }

        _finished.Wait();
        if (_workerFault is { } fault)
            throw new InvalidOperationException("The second thread of the training step failed.", fault);
    }

    /// <summary>Waits until the other thread has reached the same barrier; both threads call it equally often.</summary>
    public void Barrier(int thread)
    {
        var mine = Volatile.Read(ref _arrivals[thread * Stride]) + 1;
        Volatile.Write(ref _arrivals[thread * Stride], mine);
        var other = (1 - thread) * Stride;
        var spinner = new SpinWait();
        while (Volatile.Read(ref _arrivals[other]) < mine)
        {
            if (_aborted)
                throw new OperationCanceledException("The other thread of the training step failed.");
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void WorkerLoop()
    {
        _workerSetup?.Invoke();
        while (true)
        {
            _start.Wait();
            if (_disposed)
                return;
            try
            {
                _work!(1);
            }
            catch (Exception e)
            {
                if (e is not OperationCanceledException || !_aborted)
                    _workerFault = e;
                _aborted = true;
            }
            finally
            {
                _finished.Set();
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _start.Release();
        _worker.Join();
        _start.Dispose();
        _finished.Dispose();
    }
}
