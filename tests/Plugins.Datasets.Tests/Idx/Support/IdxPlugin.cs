using Autofac;
using Framework.Contracts.Data;
using Framework.Plugins.Idx;

namespace Framework.Plugins.Datasets.Tests.Idx.Support;

/// <summary>Gets the <c>idx</c> plugin the way the host does: from the container its module populates.</summary>
internal static class IdxPlugin
{
    public static IDatasetPlugin Resolve()
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule<IdxModule>();
        using var container = builder.Build();
        return container.Resolve<IEnumerable<IDatasetPlugin>>().Single(p => p.Name == "idx");
    }

    /// <summary>Loads a dataset with the given options from a fresh context seeded with <paramref name="seed"/>.</summary>
    public static Dataset Load(IdxOptions options, long seed = 1)
    {
        using var context = new TestDatasetContext(seed);
        return Resolve().Load(options, context);
    }
}
