using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Training;

namespace Framework.Host.Training.Parts;

/// <summary>What one run holds while it trains: its data, model, training services and loop parts, and where it starts.</summary>
internal sealed class ActiveRun(Dataset data, TrainingServices services) : IDisposable
{
    public Dataset Data { get; } = data;

    public TrainingServices Services { get; } = services;

    public IModel? Model { get; set; }

    public RunContext Context { get; set; } = null!;

    public RunArtifactSink Artifacts { get; set; } = null!;

    public Loop Loop { get; set; } = null!;

    public RunCheckpoints Checkpoints { get; set; } = null!;

    public long Examples => Data.TrainX.shape[0];

    public long StepsPerEpoch { get; set; }

    /// <summary>The epoch (0-based) and the step within it where training starts: 0 and 0, or a checkpoint's.</summary>
    public (int Epoch, long Step) Start { get; set; }

    public void Dispose()
    {
        Model?.Dispose();
        Services.Dispose();
        Data.Dispose();
    }
}
