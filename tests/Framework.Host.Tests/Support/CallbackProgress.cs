using Framework.Host.Training;

namespace Framework.Host.Tests.Support;

/// <summary>A progress display that calls back after every training step, on the training thread.</summary>
internal sealed class CallbackProgress(Action<ProgressSnapshot> onStep) : IProgressDisplay
{
    public void Report(in ProgressSnapshot snapshot) => onStep(snapshot);

    public void Dispose()
    {
    }
}
