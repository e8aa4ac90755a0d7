using Framework.Plugins.Rbm.Evaluation;
using Framework.Plugins.Rbm.Machines;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Evaluation;

/// <summary>AIS must agree with exact enumeration on machines small enough to enumerate, for several seeds.</summary>
public sealed class AnnealedImportanceSamplingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void OnARandomBinaryMachineAisAgreesWithTheExactLogPartitionFunctionWithinATenthOfANat(long seed)
    {
        using var scope = NewDisposeScope();
        using var machine = Support.Machines.RandomBernoulli(visible: 40, hidden: 12, scale: 0.3, seed: seed, dtype: ScalarType.Float32);
        var data = bernoulli(full(500, 40, 0.3f), new Generator((ulong)seed));

        AssertAgreement(machine, data, seed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void OnARandomGaussianMachineAisAgreesWithTheExactLogPartitionFunctionWithinATenthOfANat(long seed)
    {
        using var scope = NewDisposeScope();
        using var machine = Support.Machines.RandomGaussian(visible: 30, hidden: 10, scale: 0.25, seed: seed, learnSigma: false, dtype: ScalarType.Float32);
        var data = randn([500, 30], generator: new Generator((ulong)seed)) + 0.5;

        AssertAgreement(machine, data, seed);
    }

    private static void AssertAgreement(RestrictedBoltzmannMachine machine, Tensor data, long seed)
    {
        var exact = ExactPartitionFunction.LogZ(machine);
        using var baseVisible = machine.AnnealingBase(data);

        var ais = AnnealedImportanceSampling.Estimate(machine, baseVisible, runs: 100, BetaSchedule.Create(AisSchedule.Piecewise, 3_000), new Generator((ulong)seed + 100));

        Assert.True(Math.Abs(ais.LogZ - exact) < 0.1, $"AIS {ais.LogZ:F4} vs exact {exact:F4}");
        Assert.True(ais.Upper > ais.LogZ && (ais.Lower is null || ais.Lower < ais.LogZ));
    }
}
