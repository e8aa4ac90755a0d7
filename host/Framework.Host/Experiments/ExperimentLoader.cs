using Framework.Host.Plugins;
using Framework.Host.Sweeps;

namespace Framework.Host.Experiments;

/// <summary>
/// Loads experiment files: reads the YAML (with its <c>defaults</c> base files), applies <c>--set</c> overrides,
/// validates every section against the schemas of the host settings and the chosen plugins, and binds typed options.
/// </summary>
/// <remarks>
/// Reports every problem at once, each at its file:line:column, in file order. A file that is not well-formed YAML
/// yields only its syntax error, since nothing after it can be trusted.
/// </remarks>
internal sealed class ExperimentLoader : IExperimentLoader
{
    private readonly IPluginCatalog _catalog;

    /// <summary>Creates a loader that resolves plugin names against <paramref name="catalog"/>.</summary>
    /// <param name="catalog">The loaded plugins.</param>
    public ExperimentLoader(IPluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <inheritdoc />
    public ExperimentLoadResult Load(string path, IReadOnlyList<string> overrides)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(overrides);

        var errors = new ConfigErrorCollector();
        var root = new ExperimentFileReader(errors).Read(path);
        if (root is null)
            return new ExperimentLoadResult(null, errors.ToList());

        new OverrideApplier(errors, path).Apply(root, overrides);
        OptimizerGroupInheritance.Apply(root);
        var values = new ExperimentBinder(_catalog, errors).Bind(root);
        if (values.GetValueOrDefault(ExperimentSections.Model.Key) is PluginSelection model
            && values.GetValueOrDefault(ExperimentSections.Training.Key) is TrainingSettings training)
            new TrainingServicesValidation(root, errors).Check(model, training, _catalog);
        if (values[ExperimentSections.Name.Key] is "")
            errors.Add(root.Find(ExperimentSections.Name.Key)!.Value.Location, "name: must not be empty; remove it to use the file name");
        if (errors.HasErrors)
            return new ExperimentLoadResult(null, errors.ToList());

        var name = (string?)values[ExperimentSections.Name.Key] ?? Path.GetFileNameWithoutExtension(path);
        values[ExperimentSections.Name.Key] = name;
        var sourcePath = Path.GetFullPath(path);
        var definition = new ExperimentDefinition(
            SourcePath: sourcePath,
            Name: name,
            Description: (string?)values[ExperimentSections.Description.Key],
            Model: (PluginSelection)values[ExperimentSections.Model.Key]!,
            Dataset: (PluginSelection)values[ExperimentSections.Dataset.Key]!,
            Training: (TrainingSettings)values[ExperimentSections.Training.Key]!,
            Tracking: (TrackingSettings)values[ExperimentSections.Tracking.Key]!,
            ResolvedYaml: ResolvedYamlWriter.Write(values, sourcePath, overrides),
            FlatParameters: FlatParameterWriter.Flatten(values),
            Overrides: overrides.ToArray())
        {
            Sweep = (SweepSpec?)values[ExperimentSections.Sweep.Key],
        };
        return new ExperimentLoadResult(definition, []);
    }
}
