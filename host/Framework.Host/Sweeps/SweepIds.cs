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
}
