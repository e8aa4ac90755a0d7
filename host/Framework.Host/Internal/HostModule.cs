using Autofac;
using Framework.Host.Cli;
using Framework.Host.Experiments;
using Framework.Host.Plugins;
using Framework.Host.Sweeps;
using Framework.Host.Sweeps.Local;
using Framework.Host.Sweeps.Slurm;
using Framework.Host.Tracking;
using Framework.Host.Training;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Internal;

/// <summary>The host's own registrations. Plugins register theirs in child scopes (see <see cref="PluginLoader"/>).</summary>
internal sealed class HostModule(GlobalOptions options, HostSettings settings, RunLogSink runLog) : Module
{
    protected override void Load(ContainerBuilder builder)
    {
        builder.RegisterInstance(options);
        builder.RegisterInstance(settings);
        builder.RegisterInstance(runLog).ExternallyOwned();
        builder.RegisterType<PluginLoader>().SingleInstance();
        builder.Register(c => c.Resolve<PluginLoader>().LoadAll(PluginSearchPath.Resolve(settings, options)))
            .As<IPluginCatalog>().SingleInstance();
        builder.Register(c => new Trainer(c.Resolve<ILoggerFactory>())).SingleInstance();
        builder.Register(c => new TrackingStoreFactory(c.Resolve<ILoggerFactory>())).SingleInstance();
        builder.RegisterType<ExperimentLoader>().As<IExperimentLoader>().SingleInstance();
        builder.RegisterType<SweepPlanner>().SingleInstance();
        builder.RegisterType<TrialRunner>().InstancePerDependency();
        builder.RegisterType<LocalLauncher>().SingleInstance();
        builder.RegisterType<SlurmClient>().SingleInstance();
        builder.RegisterType<SlurmLauncher>().SingleInstance();
        builder.RegisterAssemblyTypes(ThisAssembly)
            .Where(t => t.Namespace == typeof(RunCommand).Namespace && t.Name.EndsWith("Command", StringComparison.Ordinal))
            .AsSelf().InstancePerDependency();
    }
}
