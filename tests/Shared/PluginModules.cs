using Autofac;
using Framework.Contracts;

namespace Framework.Tests.Shared;

/// <summary>Resolves a plugin from the container its Autofac module fills, as the host does.</summary>
/// <remarks>One file, linked into every plugin test project that loads plugins through their modules.</remarks>
internal static class PluginModules
{
    public static TService Resolve<TModule, TService>(string name)
        where TModule : Autofac.Module, new()
        where TService : IPlugin
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule<TModule>();
        using var container = builder.Build();
        return container.Resolve<IEnumerable<TService>>().Single(p => p.Name == name);
    }
}
