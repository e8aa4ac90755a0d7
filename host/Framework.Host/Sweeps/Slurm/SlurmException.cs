namespace Framework.Host.Sweeps.Slurm;

/// <summary>A Slurm command failed or is missing; the message says which command and what it printed.</summary>
internal sealed class SlurmException : Exception
{
    public SlurmException(string message) : base(message) { }

    public SlurmException(string message, Exception innerException) : base(message, innerException) { }
}
