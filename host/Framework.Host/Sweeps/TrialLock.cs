namespace Framework.Host.Sweeps;

/// <summary>
/// An exclusive lock on a trial's folder, held while its process runs, so that two launches of the same trial (a
/// sweep started twice, a Slurm task requeued while the old one still runs) never train into one MLflow run.
/// </summary>
/// <remarks>
/// .NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/> on Unix; the kernel releases it when the
/// process dies, however it dies, so a crashed trial never leaves a stale lock.
/// </remarks>
internal sealed class TrialLock : IDisposable
{
    private readonly FileStream _stream;

    private TrialLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Takes the lock of <paramref name="directory"/>, or returns null when another process holds it.</summary>
    public static TrialLock? TryAcquire(string directory)
    {
        Directory.CreateDirectory(directory);
        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(directory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }

        stream.SetLength(0);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
            writer.Write($"{Environment.ProcessId}@{Environment.MachineName}");
        stream.Flush();
        return new TrialLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}
