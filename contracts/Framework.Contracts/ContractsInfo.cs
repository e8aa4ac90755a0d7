namespace Framework.Contracts;

/// <summary>The version of the plugin contracts that this assembly defines.</summary>
/// <remarks>
/// A plugin declares in its <c>plugin.json</c> the contracts version it was built against. The host loads it when the
/// major versions are equal and the host's minor version is at least the plugin's: minor versions only add members,
/// a major version changes or removes them. A TorchSharp upgrade is a major version bump, because tensors cross the seam.
/// History: 1.0 first release; 1.1 added <see cref="Training.IStepContext.SetTag"/> (implemented by the host, so
/// plugins built against 1.0 still load); 1.2 added <see cref="Training.IStepContext.ReportsMetrics"/> (with a default,
/// so contexts written for 1.1 still compile); 2.0 moved the optimisers to the host: plugins declare optimiser groups
/// (<see cref="Models.IModelPlugin.OptimizerGroups"/>) and get host-built <see cref="Training.IOptimizer"/>s from
/// <see cref="Models.IModelContext.Optimizers"/>, which replaced <c>IModelContext.Optimizer</c> and
/// <c>OptimizerSettings.Create</c>; option classes may name their retired keys (<see cref="RetiredOptionAttribute"/>).
/// 2.1 added the optional <see cref="Models.IExportableModel"/> (export to PyTorch) and <see cref="Data.Dataset.TrainSource"/>
/// and <see cref="Data.Dataset.TestSource"/> (<see cref="Data.DataSource"/>: where the examples came from, logged as MLflow
/// dataset inputs); both optional, so plugins built against 2.0 still load. A plugin built against 1.x is refused with
/// this reason: rebuild it against 2.x.
/// </remarks>
public static class ContractsInfo
{
    /// <summary>The contracts version of this assembly.</summary>
    public static Version Version { get; } = new(2, 1);

    /// <summary>Whether a plugin built against <paramref name="pluginContracts"/> can run on this contracts version.</summary>
    /// <param name="pluginContracts">The version the plugin's manifest declares.</param>
    /// <returns>True when the major versions match and this minor version is not older than the plugin's.</returns>
    public static bool Supports(Version pluginContracts)
    {
        ArgumentNullException.ThrowIfNull(pluginContracts);
        return pluginContracts.Major == Version.Major && pluginContracts.Minor <= Version.Minor;
    }
}
