using Framework.Contracts.Models;
using Framework.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Host.Training.Parts;

/// <summary>Writes and restores a run's checkpoints (Lightning's ModelCheckpoint): the generator, the host's training
/// services, the stateful loop parts and the model, each its own section of <see cref="CheckpointFile"/>.</summary>
internal sealed class RunCheckpoints
{
    private readonly TrainingRequest _request;
    private readonly Generator _generator;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<CheckpointFile.Section> _sections;

    public RunCheckpoints(TrainingRequest request, Generator generator, IModel model, TrainingServices services,
        IEnumerable<ITrainingPart> parts, ILogger logger)
    {
        _request = request;
        _generator = generator;
        _logger = logger;
        _sections = Sections(model, services, parts);
    }

    /// <summary>The sections of a run's checkpoint, in file order (also what <see cref="Export.TrainedModel"/> restores).</summary>
    public static IReadOnlyList<CheckpointFile.Section> Sections(IModel model, TrainingServices services, IEnumerable<ITrainingPart> parts)
    {
        var sections = new List<CheckpointFile.Section> { new("training_services", services.Save, services.Load) };
        foreach (var part in parts)
            if (part.StateName is { } name)
                sections.Add(new("part/" + name, part.Save, part.Load));
        sections.Add(new("model", model.SaveState, model.LoadState));
        return sections;
    }

    /// <summary>Writes the checkpoint of the moment when <paramref name="stepInEpoch"/> steps of <paramref name="epoch"/>
    /// (0-based) are done, <paramref name="globalStep"/> in all.</summary>
    public void Save(int epoch, long stepInEpoch, long globalStep)
    {
        var header = new CheckpointHeader(_request.Experiment.Name, _request.ModelPlugin.Name, _request.ModelPluginVersion,
            ConfigHash.Compute(_request.Experiment.FlatParameters), _request.Tracker.RunId, epoch, stepInEpoch, globalStep,
            DateTimeOffset.UtcNow, _request.Experiment.FlatParameters);
        using (var scope = NewDisposeScope())
            CheckpointFile.Write(_request.Folder.LastCheckpoint, header, _generator, _sections);
        _logger.CheckpointWritten(_request.Folder.LastCheckpoint, globalStep);
    }

    /// <summary>Restores everything from <paramref name="path"/> and says where training stood.</summary>
    public CheckpointHeader Restore(string path)
    {
        using var scope = NewDisposeScope();
        return CheckpointFile.Restore(path, _generator, _sections);
    }
}
