using Autofac;
using Framework.Contracts.Data;

namespace Framework.Plugins.Idx;

/// <summary>Registers the <c>idx</c> dataset plugin with the host's container.</summary>
public sealed class IdxModule : Module
{
    /// <inheritdoc />
    protected override void Load(ContainerBuilder builder) =>
        builder.RegisterType<IdxDatasetPlugin>().As<IDatasetPlugin>().SingleInstance();
}
