using Framework.Plugins.Rbm.Evaluation;
using Framework.Plugins.Rbm.Machines;
using Framework.Plugins.Rbm.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Evaluation;

public sealed class ExactPartitionFunctionTests
{
    [Theory]
    [InlineData(5, 4)] // enumerates the hidden layer
    [InlineData(3, 6)] // enumerates the visible layer
    public void TheBinaryLogPartitionFunctionEqualsABruteForceSumOverBothLayers(int visible, int hidden)
    {
        using var scope = NewDisposeScope();
        using var machine = Support.Machines.RandomBernoulli(visible, hidden, scale: 1.2, seed: visible * 10 + hidden);

        var logZ = ExactPartitionFunction.LogZ(machine);

        Assert.Equal(BruteForceLogZ(machine), logZ, 10);
    }

    [Fact]
    public void TheGaussianLogPartitionFunctionEqualsANumericalIntegralOverTheVisibleUnit()
    {
        using var scope = NewDisposeScope();
        using var machine = Support.Machines.RandomGaussian(visible: 1, hidden: 3, scale: 0.8, seed: 2, learnSigma: false);
        var w = machine.Weights.data<double>().ToArray();
        var a = machine.VisibleBias.item<double>();
        var b = machine.HiddenBias.data<double>().ToArray();
        var sigma = Math.Exp(machine.LogSigma.item<double>());

        // Z = Σ_h ∫ exp(-(v-a)²/2σ² + b·h + (v/σ) w·h) dv, integrated on a fine grid far into the tails.
        double z = 0, step = 1e-4;
        for (var mask = 0; mask < 8; mask++)
        {
            double bh = 0, wh = 0;
            for (var j = 0; j < 3; j++)
                if ((mask >> j & 1) == 1) { bh += b[j]; wh += w[j]; }
            for (var v = a - 40 * sigma; v <= a + 40 * sigma; v += step)
                z += Math.Exp(-(v - a) * (v - a) / (2 * sigma * sigma) + bh + v / sigma * wh) * step;
        }

        Assert.Equal(Math.Log(z), ExactPartitionFunction.LogZ(machine), 6);
    }

    [Fact]
    public void EnumerationIsRefusedBeyondTheConfiguredNumberOfStates()
    {
        using var scope = NewDisposeScope();
        using var machine = Support.Machines.RandomBernoulli(30, 21, scale: 0.1, seed: 1);

        Assert.False(ExactPartitionFunction.IsFeasible(machine, 1L << 20));
        Assert.True(ExactPartitionFunction.IsFeasible(machine, 1L << 21));
    }

    private static double BruteForceLogZ(RestrictedBoltzmannMachine machine)
    {
        int nv = machine.VisibleCount, nh = machine.HiddenCount;
        var w = machine.Weights.data<double>().ToArray();
        var a = machine.VisibleBias.data<double>().ToArray();
        var b = machine.HiddenBias.data<double>().ToArray();
        var terms = new List<double>();
        for (var vm = 0; vm < 1 << nv; vm++)
        for (var hm = 0; hm < 1 << nh; hm++)
        {
            var negativeEnergy = 0.0;
            for (var i = 0; i < nv; i++)
                if ((vm >> i & 1) == 1) negativeEnergy += a[i];
            for (var j = 0; j < nh; j++)
                if ((hm >> j & 1) == 1) negativeEnergy += b[j];
            for (var i = 0; i < nv; i++)
            for (var j = 0; j < nh; j++)
                if ((vm >> i & 1) == 1 && (hm >> j & 1) == 1) negativeEnergy += w[i * nh + j];
            terms.Add(negativeEnergy);
        }
        var max = terms.Max();
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }
}
