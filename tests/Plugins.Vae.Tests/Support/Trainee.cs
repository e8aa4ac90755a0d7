using Framework.Contracts.Training;
using Framework.Plugins.Vae.Networks;
using Framework.Training;
using Framework.Training.Options;
using Framework.Training.Schedules;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>A VAE's networks whose parameters the host's training services hold, with the optimiser over them.</summary>
internal sealed class Trainee : IDisposable
{
    private Trainee(VaeNetwork network, TrainingServices services, IOptimizer optimizer)
    {
        Network = network;
        Services = services;
        Optimizer = optimizer;
    }

    public VaeNetwork Network { get; }

    public TrainingServices Services { get; }

    public IOptimizer Optimizer { get; }

    /// <summary>Parameters, gradients and optimiser state as the host's flat buffers.</summary>
    public OptimizerBuffers Flat => Optimizer.Flat!;

    public static Trainee Create(VaeOptions options, OptimizerSettings settings, int features, int seed, ScheduleOptions? schedule = null, int accumulate = 1)
    {
        using var generator = new Generator((ulong)seed);
        var network = VaeNetworkFactory.Create(options, [features], CPU);
        Initialization.PyTorchDefault(network, generator);
        var services = new TrainingServices(new TrainingServicesSettings(
            [new ConfiguredGroup(OptimizerGroup.Single, settings, schedule ?? new ScheduleOptions())], new TrainingClock(10, 1), accumulate, new EmaOptions()));
        return new Trainee(network, services, services.Create(network.parameters()));
    }

    public void Dispose()
    {
        Network.Dispose();
        Services.Dispose();
    }
}
