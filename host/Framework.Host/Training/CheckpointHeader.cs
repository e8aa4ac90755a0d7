namespace Framework.Host.Training;

/// <summary>Where training stood when a checkpoint was written, and what it belongs to.</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="ModelPlugin">The model plugin's name.</param>
/// <param name="ModelPluginVersion">The model plugin assembly's version.</param>
/// <param name="ConfigHash">Hash of the resolved configuration (tracking settings excluded); a resume must match it.</param>
/// <param name="RunId">The tracking store's run id, so a resume continues the same run.</param>
/// <param name="Epoch">The epoch in progress (0-based).</param>
/// <param name="StepInEpoch">Steps of <paramref name="Epoch"/> already done.</param>
/// <param name="GlobalStep">Steps done in all.</param>
/// <param name="SavedAt">When it was written (UTC).</param>
/// <param name="Parameters">The resolved configuration as flat parameters, so that a resume with other values can say which.</param>
internal sealed record CheckpointHeader(
    string Experiment,
    string ModelPlugin,
    string ModelPluginVersion,
    string ConfigHash,
    string? RunId,
    int Epoch,
    long StepInEpoch,
    long GlobalStep,
    DateTimeOffset SavedAt,
    IReadOnlyDictionary<string, string>? Parameters = null);
