using System.Security.Cryptography;
using System.Text;
using Framework.Host.Experiments;
using Framework.Host.Training;

namespace Framework.Host.Sweeps;

/// <summary>
/// The ids that tie a sweep together across processes and re-runs, all hashes of resolved values (so the same file
/// and overrides give the same ids on any machine, and a changed value gives a new id).
/// </summary>
internal static class SweepIds
{
    /// <summary>A trial's id: the hash of its whole resolved configuration, the same hash its checkpoints carry.</summary>
    public static string Trial(ExperimentDefinition definition) => ConfigHash.Compute(definition.FlatParameters);

    /// <summary>A configuration's id: the hash without <c>training.seed</c>, shared by the seed repeats of one configuration.</summary>
    public static string Configuration(ExperimentDefinition definition) =>
        ConfigHash.Compute(definition.FlatParameters.Where(p => p.Key != SweepExpander.SeedKey).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    /// <summary>A sweep's id: the hash of the experiment's name and its trials' ids, in order.</summary>
    public static string Sweep(string experimentName, IEnumerable<string> trialIds)
    {
        var text = new StringBuilder(experimentName).Append('\n');
        foreach (var id in trialIds)
            text.Append(id).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>
    /// A search's id: the hash of the experiment's name, its base configuration, the searched parameters and every
    /// setting that changes which trials run (search, trials, seed, start-up trials, metric, goal, pruner). Running the
    /// same file again is the same search, continued; changing any of these starts a new one.
    /// </summary>
    public static string Search(ExperimentDefinition baseDefinition)
    {
        var spec = baseDefinition.Sweep ?? throw new ArgumentException("The experiment has no sweep section.", nameof(baseDefinition));
        var settings = spec.Settings;
        var pruning = settings.Pruning;
        var text = new StringBuilder(baseDefinition.Name).Append('\n')
            .Append(ConfigHash.Compute(baseDefinition.FlatParameters)).Append('\n');
        foreach (var parameter in spec.Parameters)
            text.Append(parameter.Key).Append('=').Append(parameter.Describe()).Append('\n');
        text.Append(System.FormattableString.Invariant(
            $"{settings.Search} {settings.Trials} {settings.Seed} {settings.StartupTrials} {settings.Multivariate} {settings.Metric} {settings.Goal} {settings.Pruner} {pruning.StartupTrials} {pruning.WarmupEpochs} {pruning.MinResource} {pruning.ReductionFactor}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
