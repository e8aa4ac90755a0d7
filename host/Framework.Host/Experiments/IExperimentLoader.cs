namespace Framework.Host.Experiments;

/// <summary>Reads, resolves and validates experiment files against the loaded plugins' option schemas.</summary>
internal interface IExperimentLoader
{
    /// <summary>Loads an experiment file and applies command-line overrides.</summary>
    /// <param name="path">The YAML file.</param>
    /// <param name="overrides"><c>key.path=value</c> overrides from <c>--set</c>, applied in order.</param>
    /// <returns>The definition, or every error found (never only the first).</returns>
    ExperimentLoadResult Load(string path, IReadOnlyList<string> overrides);
}

/// <summary>Either a valid definition or the complete list of errors.</summary>
/// <param name="Definition">The definition when there are no errors.</param>
/// <param name="Errors">Every error, in file order.</param>
internal sealed record ExperimentLoadResult(ExperimentDefinition? Definition, IReadOnlyList<ConfigError> Errors)
{
    /// <summary>Whether the file is valid.</summary>
    public bool IsValid => Definition is not null && Errors.Count == 0;
}
