using System.Reflection;
using System.Runtime.Loader;

namespace Framework.Host.Plugins;

/// <summary>
/// The load context of one plugin: the plugin's private dependencies resolve from its folder (through its deps.json),
/// while the assemblies that cross the plugin seam resolve from the host, so that there is exactly one
/// <c>Tensor</c> type, one dispose-scope manager, one <c>ILogger</c>, one Autofac and one
/// ScottPlot/SkiaSharp in the process.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    /// <summary>Assemblies the host shares with every plugin (by simple name).</summary>
    public static readonly IReadOnlySet<string> SharedAssemblyNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Framework.Contracts",
        "TorchSharp",
        "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Primitives",
        "Autofac",
        // Plots: one ScottPlot and one SkiaSharp (whose native library a process loads once).
        "ScottPlot",
        "SkiaSharp",
        "SkiaSharp.HarfBuzz",
        "HarfBuzzSharp",
    };

    private readonly AssemblyDependencyResolver _resolver;

    public PluginLoadContext(string mainAssemblyPath)
        : base(name: Path.GetFileNameWithoutExtension(mainAssemblyPath), isCollectible: false)
    {
        // Non-collectible on purpose: Autofac's lifetime scopes capture types of the plugin, which would keep a
        // collectible context alive anyway, and we never unload plugins within one process.
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not null && SharedAssemblyNames.Contains(assemblyName.Name))
            return null; // fall back to the host's copy in the default context

        string? path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
