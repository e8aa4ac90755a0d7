using Autofac;
using Framework.Contracts.Data;

namespace FixtureIncompatible;

/// <summary>Would register a dataset, but the host must reject the plugin before running any of its code.</summary>
public sealed class IncompatibleModule : Module
{
    protected override void Load(ContainerBuilder builder) =>
        throw new InvalidOperationException("The host ran code of a plugin it should have rejected by its manifest.");

    /// <summary>Keeps a reference to the contracts, as a real plugin would have.</summary>
    public static Type Contract => typeof(IDatasetPlugin);
}
