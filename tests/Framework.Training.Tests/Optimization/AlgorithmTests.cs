using Framework.Contracts.Training;
using Framework.Training.Optimization;
using Framework.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Training.Tests.Optimization;

/// <summary>The host's optimisers take the same steps as TorchSharp's <c>torch.optim</c> (PyTorch's rules), through
/// the fused CPU kernels and through the plain in-place operations alike.</summary>
public sealed class AlgorithmTests
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in new[] { "adam", "adam_wd", "adamw", "sgd", "sgd_momentum", "sgd_nesterov", "rmsprop", "rmsprop_centered_momentum" })
        {
            data.Add(name, true);
            data.Add(name, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TwentyStepsEqualTorchOptimsSteps(string name, bool fused)
    {
        var settings = Settings(name);
        using var reference = new TinyNetwork();
        using var ours = new TinyNetwork();
        using var torchOptimizer = Reference(name, settings, reference);
        using var services = new TrainingServices(TrainingServicesSettings.Single(settings, new Framework.Training.Schedules.TrainingClock(10, 2)),
            s => Plain(s, fused));
        var optimizer = services.Create(ours.Parameters());
        services.CompleteRegistration();

        for (var step = 0; step < 20; step++)
        {
            using var scope = NewDisposeScope();
            torchOptimizer.zero_grad();
            reference.Loss().backward();
            torchOptimizer.step();
            services.BeginStep(step, lastBatchOfEpoch: false);
            optimizer.Minimize(ours.Loss());
        }

        Services.AssertClose(reference.Snapshot(), ours.Snapshot(), 1e-4);
        Assert.Equal(20, optimizer.Steps);
    }

    [Fact]
    public void TheFusedAdamKernelAndThePlainOperationsAgreeOnAFlatBuffer()
    {
        var settings = new OptimizerSettings("adamw", 3e-3, WeightDecay: 0.01);
        using var fusedNet = new TinyNetwork(seed: 3);
        using var plainNet = new TinyNetwork(seed: 3);
        using var fusedServices = new TrainingServices(TrainingServicesSettings.Single(settings, new Framework.Training.Schedules.TrainingClock(10, 1)), s => Plain(s, true));
        using var plainServices = new TrainingServices(TrainingServicesSettings.Single(settings, new Framework.Training.Schedules.TrainingClock(10, 1)), s => Plain(s, false));
        var fused = fusedServices.Create(fusedNet.Parameters());
        var plain = plainServices.Create(plainNet.Parameters());
        for (var step = 0; step < 10; step++)
        {
            using var scope = NewDisposeScope();
            fused.Minimize(fusedNet.Loss());
            plain.Minimize(plainNet.Loss());
        }

        Services.AssertClose(plainNet.Snapshot(), fusedNet.Snapshot(), 1e-5);
        var state = fused.Flat!.State;
        Assert.Equal(["exp_avg", "exp_avg_sq"], state.Keys);
        Services.AssertClose(plain.Flat!.State["exp_avg_sq"].to(float64).data<double>().ToArray(), state["exp_avg_sq"].to(float64).data<double>().ToArray(), 1e-4);
    }

    private static OptimizerAlgorithm Plain(OptimizerSettings settings, bool fused) => settings.Name switch
    {
        "adam" => new Adam(false) { UseFusedKernel = fused },
        "adamw" => new Adam(true) { UseFusedKernel = fused },
        "sgd" => new Sgd { UseFusedKernel = fused },
        _ => OptimizerAlgorithm.For(settings),
    };

    private static OptimizerSettings Settings(string name) => name switch
    {
        "adam" => new("adam", 0.01),
        "adam_wd" => new("adam", 0.01, WeightDecay: 0.05, Beta1: 0.8, Beta2: 0.99),
        "adamw" => new("adamw", 0.01, WeightDecay: 0.1),
        "sgd" => new("sgd", 0.05, WeightDecay: 0.01),
        "sgd_momentum" => new("sgd", 0.05, Momentum: 0.9, WeightDecay: 0.01),
        "sgd_nesterov" => new("sgd", 0.05, Momentum: 0.8) { Nesterov = true },
        "rmsprop" => new("rmsprop", 0.005, WeightDecay: 0.01),
        "rmsprop_centered_momentum" => new("rmsprop", 0.002, Momentum: 0.5) { Centered = true, Alpha = 0.9 },
        _ => throw new ArgumentException(name),
    };

    private static optim.Optimizer Reference(string name, OptimizerSettings s, TinyNetwork network) => s.Name switch
    {
        "adam" => optim.Adam(network.Parameters(), s.LearningRate, s.Beta1, s.Beta2, s.Epsilon, s.WeightDecay),
        "adamw" => optim.AdamW(network.Parameters(), s.LearningRate, s.Beta1, s.Beta2, s.Epsilon, s.WeightDecay),
        "sgd" => optim.SGD(network.Parameters(), s.LearningRate, s.Momentum, weight_decay: s.WeightDecay, nesterov: s.Nesterov),
        "rmsprop" => optim.RMSProp(network.Parameters(), s.LearningRate, s.Alpha, s.Epsilon, s.WeightDecay, s.Momentum, s.Centered),
        _ => throw new ArgumentException(name),
    };
}
