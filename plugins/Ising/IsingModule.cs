using Autofac;
using Framework.Contracts.Data;

namespace Framework.Plugins.Ising;

/// <summary>Registers the <c>ising2d</c> dataset with the host.</summary>
public sealed class IsingModule : Module
{
    /// <inheritdoc />
    protected override void Load(ContainerBuilder builder) =>
        builder.RegisterType<IsingPlugin>().As<IDatasetPlugin>().SingleInstance();
}
