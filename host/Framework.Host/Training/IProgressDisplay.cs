namespace Framework.Host.Training;

/// <summary>Shows training progress to a person: a bar on a terminal, periodic log lines otherwise.</summary>
internal interface IProgressDisplay : IDisposable
{
    void Report(in ProgressSnapshot snapshot);
}
