using Framework.Plugins.Rbm.Machines;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Sampling;

/// <summary>Draws model samples from Gibbs chains started at noise or at training data, with burn-in and thinning.</summary>
internal sealed class GibbsSampler(RestrictedBoltzmannMachine machine, RbmOptions options)
{
    /// <summary>Returns <paramref name="count"/> visible vectors: each chain is burnt in, then contributes a sample
    /// every <c>sample_thinning</c> sweeps until enough are collected.</summary>
    /// <param name="count">How many samples.</param>
    /// <param name="trainingData">Encoded training examples, for chains that start at the data.</param>
    /// <param name="generator">The run's generator.</param>
    public Tensor Draw(int count, Tensor trainingData, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        using var noGrad = no_grad();
        var chains = options.SampleChains > 0 ? Math.Min(options.SampleChains, count) : count;
        var perChain = (count + chains - 1) / chains;
        using var start = options.SampleStart == SampleStart.Data
            ? trainingData.index_select(0, randint(0, trainingData.shape[0], [chains], dtype: ScalarType.Int64, device: trainingData.device, generator: generator))
            : machine.VisibleNoise(chains, generator);
        var state = GibbsChain.Run(machine, start, options.SampleBurnIn, generator);
        var collected = new List<Tensor>(perChain);
        for (var i = 0; i < perChain; i++)
        {
            if (i > 0)
            {
                var next = GibbsChain.Run(machine, state, options.SampleThinning, generator);
                state.Dispose();
                state = next;
            }
            collected.Add(options.SampleMeanField ? machine.VisibleMean(machine.SampleHidden(state, generator)) : state.alias());
        }
        var samples = cat(collected, 0);
        return samples.shape[0] == count ? samples : samples.narrow(0, 0, count);
    }
}
