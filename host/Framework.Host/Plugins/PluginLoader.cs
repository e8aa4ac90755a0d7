using System.Reflection;
using Autofac;
using Framework.Contracts;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Plugins;

/// <summary>
/// Loads every plugin folder into its own <see cref="PluginLoadContext"/> and registers its Autofac modules in a
/// child lifetime scope. A plugin that cannot load is rejected with a reason and skipped; the others still load.
/// </summary>
internal sealed class PluginLoader
{
    /// <summary>What a plugin of an older major version must change, so the refusal says how to fix it.</summary>
    private static string WhatChanged(Version wanted) => wanted.Major switch
    {
        1 => ": contracts 2.0 moved optimisers to the host (a model declares its optimiser groups and gets them from " +
             "IModelContext.Optimizers, replacing IModelContext.Optimizer and OptimizerSettings.Create); a dataset plugin only " +
             "needs contractsVersion 2.0 in its plugin.json",
        _ => "",
    };

    private readonly ILifetimeScope _root;
    private readonly ILogger<PluginLoader> _logger;

    public PluginLoader(ILifetimeScope root, ILogger<PluginLoader> logger)
    {
        _root = root ?? throw new ArgumentNullException(nameof(root));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Loads the plugins found under <paramref name="roots"/>.</summary>
    public PluginCatalog LoadAll(IEnumerable<string> roots) => LoadAll(roots.Select(r => new PluginRoot(r, "given")).ToList());

    /// <summary>Loads the plugins found under <paramref name="roots"/>, remembering where each root came from.</summary>
    public PluginCatalog LoadAll(IReadOnlyList<PluginRoot> roots)
    {
        var missingRoots = new List<string>();
        var unmanifested = new List<string>();
        var folders = PluginFolders.Expand(roots.Select(r => r.Folder), missingRoots, unmanifested);
        foreach (string missing in missingRoots)
            _logger.PluginFolderMissing(missing);

        var loaded = new List<LoadedPlugin>();
        var rejected = new List<PluginRejection>();
        foreach (var folder in unmanifested)
        {
            var assemblies = string.Join(", ", Directory.EnumerateFiles(folder, "*.dll").Select(Path.GetFileName).Order().Take(3));
            var rejection = new PluginRejection(Path.GetFileName(folder), folder, PluginRejectionKind.InvalidManifest,
                $"{folder} holds assemblies ({assemblies}) but no {PluginManifestReader.FileName}, so nothing in it was loaded; " +
                "put a plugin.json beside the plugin's assembly (id, name, version, contractsVersion, assembly).");
            rejected.Add(rejection);
            _logger.PluginRejected(rejection.Name, rejection.Kind, rejection.Reason);
        }

        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        foreach (string folder in folders)
        {
            var outcome = LoadOne(folder);
            if (outcome.Rejection is { } rejection)
            {
                rejected.Add(rejection);
                _logger.PluginRejected(rejection.Name, rejection.Kind, rejection.Reason);
                continue;
            }

            var plugin = outcome.Plugin!;
            string? clash = plugin.Models.Select(p => p.Name).Concat(plugin.Datasets.Select(p => p.Name))
                .FirstOrDefault(names.ContainsKey);
            if (clash is not null)
            {
                var duplicate = new PluginRejection(plugin.Manifest.Name, folder, PluginRejectionKind.DuplicateName,
                    $"registers '{clash}', which plugin '{names[clash]}' already registered; rename one of them.");
                rejected.Add(duplicate);
                _logger.PluginRejected(duplicate.Name, duplicate.Kind, duplicate.Reason);
                continue;
            }
            foreach (var name in plugin.Models.Select(p => p.Name).Concat(plugin.Datasets.Select(p => p.Name)))
                names[name] = plugin.Manifest.Name;

            loaded.Add(plugin);
            _logger.PluginLoaded(plugin.Manifest.Name, plugin.Manifest.Version,
                string.Join(", ", plugin.Models.Select(m => m.Name).Concat(plugin.Datasets.Select(d => d.Name))));
        }
        return new PluginCatalog(loaded, rejected, roots);
    }

    private (LoadedPlugin? Plugin, PluginRejection? Rejection) LoadOne(string folder)
    {
        string fallbackName = Path.GetFileName(folder);
        PluginManifest manifest;
        try
        {
            manifest = PluginManifestReader.Read(folder);
        }
        catch (InvalidDataException e)
        {
            return Reject(fallbackName, folder, PluginRejectionKind.InvalidManifest, e.Message);
        }

        if (!Version.TryParse(manifest.ContractsVersion, out var wanted))
            return Reject(manifest.Name, folder, PluginRejectionKind.InvalidManifest,
                $"contractsVersion '{manifest.ContractsVersion}' is not a version such as '{ContractsInfo.Version}'.");
        if (!ContractsInfo.Supports(wanted))
            return Reject(manifest.Name, folder, PluginRejectionKind.IncompatibleContracts,
                $"built for contracts {wanted}, but this host provides contracts {ContractsInfo.Version} " +
                $"(loads {ContractsInfo.Version.Major}.0 to {ContractsInfo.Version}); rebuild the plugin against this host's Framework.Contracts" +
                WhatChanged(wanted) + ".");

        string assemblyPath = Path.Combine(folder, manifest.Assembly);
        if (!File.Exists(assemblyPath))
            return Reject(manifest.Name, folder, PluginRejectionKind.InvalidManifest,
                $"plugin.json names assembly '{manifest.Assembly}', which is not in {folder}.");

        var context = new PluginLoadContext(assemblyPath);
        Assembly assembly;
        try
        {
            assembly = context.LoadFromAssemblyPath(assemblyPath);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            return Reject(manifest.Name, folder, PluginRejectionKind.Malfunctioned, $"cannot load {manifest.Assembly}: {e.Message}");
        }

        if (FindMissingDependency(context, assembly) is { } missing)
            return Reject(manifest.Name, folder, PluginRejectionKind.MissingDependency, missing);

        ILifetimeScope scope;
        try
        {
            // Autofac resolves types of this plugin through its load context (BeginLoadContextLifetimeScope), and the
            // plugin's modules register its services only into this child scope: plugins cannot see each other.
            scope = _root.BeginLoadContextLifetimeScope(context, builder => builder.RegisterAssemblyModules(assembly));
        }
        catch (Exception e)
        {
            return Reject(manifest.Name, folder, PluginRejectionKind.Malfunctioned,
                $"its registration threw {e.GetType().Name}: {Innermost(e).Message}");
        }

        List<IModelPlugin> models;
        List<IDatasetPlugin> datasets;
        try
        {
            models = scope.Resolve<IEnumerable<IModelPlugin>>().ToList();
            datasets = scope.Resolve<IEnumerable<IDatasetPlugin>>().ToList();
        }
        catch (Exception e)
        {
            scope.Dispose();
            return Reject(manifest.Name, folder, PluginRejectionKind.Malfunctioned,
                $"creating its plugins threw {e.GetType().Name}: {Innermost(e).Message}");
        }

        if (models.Count == 0 && datasets.Count == 0)
        {
            scope.Dispose();
            return Reject(manifest.Name, folder, PluginRejectionKind.Malfunctioned,
                "registers no IModelPlugin or IDatasetPlugin; register them in an Autofac Module of the plugin assembly.");
        }

        foreach (var plugin in models.Cast<IPlugin>().Concat(datasets))
        {
            if (PluginChecks.Problem(plugin) is { } problem)
            {
                scope.Dispose();
                return Reject(manifest.Name, folder, PluginRejectionKind.Malfunctioned, problem);
            }
        }

        return (new LoadedPlugin(manifest, folder, models, datasets), null);
    }

    /// <summary>
    /// Walks the plugin's references (not the shared or framework ones) and loads each, so that a missing file is
    /// reported now, by name, rather than as a TypeLoadException in the middle of a run.
    /// </summary>
    private static string? FindMissingDependency(PluginLoadContext context, Assembly main)
    {
        var pending = new Stack<Assembly>([main]);
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { main.GetName().Name! };
        while (pending.Count > 0)
        {
            var assembly = pending.Pop();
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is null || !visited.Add(reference.Name))
                    continue;
                try
                {
                    var loaded = context.LoadFromAssemblyName(reference);
                    // Only the plugin's private assemblies are walked further; shared and framework ones are the host's.
                    if (System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(loaded) == context)
                        pending.Push(loaded);
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException)
                {
                    return $"{assembly.GetName().Name} needs {reference.FullName}, which is neither in the plugin folder " +
                           "nor provided by the host; publish the plugin with its dependencies (dotnet publish) or copy the missing file next to it.";
                }
            }
        }
        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    private static (LoadedPlugin?, PluginRejection?) Reject(string name, string folder, PluginRejectionKind kind, string reason)
        => (null, new PluginRejection(name, folder, kind, reason));
}
