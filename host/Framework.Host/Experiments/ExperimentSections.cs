namespace Framework.Host.Experiments;

/// <summary>The top-level sections of an experiment file, in the order the resolved YAML writes them.</summary>
/// <remarks>
/// This list is the one place that declares the file format: the loader, the resolved YAML, the flat parameters and
/// the JSON Schema all walk it. A new section (the coming <c>sweep</c>) is one entry here, with a new
/// <see cref="ExperimentSectionKind"/> where none of the existing ones fits and its case in <see cref="ExperimentBinder"/>.
/// </remarks>
internal static class ExperimentSections
{
    /// <summary>The key that lists base files, merged under the file (Hydra-style); it never reaches the binder.</summary>
    public const string DefaultsKey = "defaults";

    /// <summary>
    /// The override (and sweep axis) that merges a file of whole sections over the experiment: <c>--set
    /// include=families/gan.yaml</c>, or <c>sweep.parameters: {include: [families/rbm.yaml, families/gan.yaml]}</c>,
    /// so that one sweep can swap the model and the training that suits it together (Hydra's experiment configs).
    /// </summary>
    public const string IncludeKey = "include";

    /// <summary>The sections an <see cref="IncludeKey"/> file may hold: what a trial may change.</summary>
    public static IReadOnlyList<ExperimentSection> Includable => [Model, Dataset, Training];

    /// <summary><c>name</c>: the experiment's name; the file name without extension when absent.</summary>
    public static ExperimentSection Name { get; } = new("name", ExperimentSectionKind.Text,
        "The experiment's name (the MLflow experiment unless tracking.experiment says otherwise); defaults to the file name without extension.");

    /// <summary><c>description</c>: free text.</summary>
    public static ExperimentSection Description { get; } = new("description", ExperimentSectionKind.Text,
        "What this experiment is for.");

    /// <summary><c>model</c>: the model plugin and its options.</summary>
    public static ExperimentSection Model { get; } = new("model", ExperimentSectionKind.Plugin,
        "The model: 'plugin' names a model plugin, the other keys are that plugin's options.", Required: true, Role: PluginRole.Model);

    /// <summary><c>dataset</c>: the dataset plugin and its options.</summary>
    public static ExperimentSection Dataset { get; } = new("dataset", ExperimentSectionKind.Plugin,
        "The data: 'plugin' names a dataset plugin, the other keys are that plugin's options.", Required: true, Role: PluginRole.Dataset);

    /// <summary><c>training</c>: <see cref="TrainingSettings"/>.</summary>
    public static ExperimentSection Training { get; } = new("training", ExperimentSectionKind.Settings,
        "How to train: epochs, batch size, seed, device, evaluation and checkpoint cadence, optimiser.", SettingsType: typeof(TrainingSettings));

    /// <summary><c>tracking</c>: <see cref="TrackingSettings"/>.</summary>
    public static ExperimentSection Tracking { get; } = new("tracking", ExperimentSectionKind.Settings,
        "Where and under which names the run is tracked in MLflow.", SettingsType: typeof(TrackingSettings));

    /// <summary><c>sweep</c>: <see cref="Sweeps.SweepSpec"/>; a file with it is run by <c>sweep run</c>, one run per trial.</summary>
    public static ExperimentSection Sweep { get; } = new("sweep", ExperimentSectionKind.Sweep,
        "A hyperparameter sweep: 'parameters' maps option keys to value lists (grid) or distributions (random search); " +
        "repeats, trials, parallel, failure policy, retries and the launcher (local or slurm). Run it with 'sweep run'.");

    /// <summary>Every section, in file order.</summary>
    public static IReadOnlyList<ExperimentSection> All { get; } = [Name, Description, Model, Dataset, Training, Tracking, Sweep];

    /// <summary>Finds a section by key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The section, or null for an unknown key.</returns>
    public static ExperimentSection? Find(string key) => All.FirstOrDefault(s => s.Key == key);

    /// <summary>Every key allowed at the top of a file, <c>defaults</c> included, for suggestions.</summary>
    public static IEnumerable<string> AllowedKeys => All.Select(s => s.Key).Append(DefaultsKey);
}
