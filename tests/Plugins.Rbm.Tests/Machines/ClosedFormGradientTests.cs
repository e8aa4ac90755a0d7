using Framework.Plugins.Rbm.Machines;
using Framework.Plugins.Rbm.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Machines;

/// <summary>The update's positive-minus-negative phase must be the gradient of mean F(data) - mean F(samples), with
/// the samples held fixed: the function whose descent contrastive divergence performs.</summary>
public sealed class ClosedFormGradientTests
{
    [Fact]
    public void ForBernoulliUnitsTheClosedFormUpdateIsMinusTheAutogradGradientOfTheFreeEnergyDifference()
    {
        using var scope = NewDisposeScope();
        using var machine = Support.Machines.RandomBernoulli(visible: 7, hidden: 5, scale: 0.7, seed: 3);
        var generator = new Generator(11);
        var data = bernoulli(full(9, 7, 0.4, dtype: ScalarType.Float64), generator);
        var samples = bernoulli(full(6, 7, 0.6, dtype: ScalarType.Float64), generator);

        var closedForm = ClosedForm(machine, data, samples);
        var (weights, visible, hidden, _) = Autograd(machine, data, samples, logSigma: null);

        AssertClose(closedForm.Weights, -weights);
        AssertClose(closedForm.VisibleBias, -visible);
        AssertClose(closedForm.HiddenBias, -hidden);
    }

    [Fact]
    public void ForGaussianUnitsWithLearnedSigmaTheClosedFormUpdateIsMinusTheAutogradGradientOfTheFreeEnergyDifference()
    {
        using var scope = NewDisposeScope();
        using var machine = Support.Machines.RandomGaussian(visible: 6, hidden: 4, scale: 0.5, seed: 5, learnSigma: true);
        var generator = new Generator(13);
        var data = randn([8, 6], dtype: ScalarType.Float64, generator: generator);
        var samples = randn([5, 6], dtype: ScalarType.Float64, generator: generator) * 1.5 + 0.3;

        var closedForm = ClosedForm(machine, data, samples);
        var (weights, visible, hidden, logSigma) = Autograd(machine, data, samples, machine.LogSigma);

        AssertClose(closedForm.Weights, -weights);
        AssertClose(closedForm.VisibleBias, -visible);
        AssertClose(closedForm.HiddenBias, -hidden);
        Assert.NotNull(closedForm.LogSigma);
        AssertClose(closedForm.LogSigma!, -logSigma!);
    }

    private static RbmGradient ClosedForm(RestrictedBoltzmannMachine machine, Tensor data, Tensor samples)
    {
        using var noGrad = no_grad();
        return machine.Gradient(data, machine.HiddenProbability(data), samples, machine.HiddenProbability(samples));
    }

    private static (Tensor Weights, Tensor Visible, Tensor Hidden, Tensor? LogSigma) Autograd(
        RestrictedBoltzmannMachine machine, Tensor data, Tensor samples, Tensor? logSigma)
    {
        Tensor[] parameters = logSigma is null
            ? [machine.Weights, machine.VisibleBias, machine.HiddenBias]
            : [machine.Weights, machine.VisibleBias, machine.HiddenBias, logSigma];
        foreach (var parameter in parameters)
            parameter.requires_grad_(true);
        var difference = machine.FreeEnergy(data).mean() - machine.FreeEnergy(samples).mean();
        var gradients = autograd.grad([difference], parameters);
        return (gradients[0], gradients[1], gradients[2], logSigma is null ? null : gradients[3]);
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var largest = (expected - actual).abs().max().item<double>();
        Assert.True(largest < 1e-10, $"closed form and autograd differ by up to {largest:E3}");
    }
}
