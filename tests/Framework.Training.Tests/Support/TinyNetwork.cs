using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Framework.Training.Tests.Support;

/// <summary>A small two-layer network with seeded weights and a fixed regression batch: enough parameters of several
/// shapes for optimisers to differ if they are wrong. The batch depends on <c>dataSeed</c> only.</summary>
internal sealed class TinyNetwork : IDisposable
{
    public TinyNetwork(long seed = 1, int inputs = 5, int hidden = 7, long dataSeed = 101)
    {
        Layers = Sequential(Linear(inputs, hidden), Tanh(), Linear(hidden, 1));
        // The weights come from a generator of the network's own, not libtorch's global one, which test classes running
        // at the same time would draw from too.
        using (var weights = new Generator((ulong)seed))
        using (no_grad())
        {
            foreach (var parameter in Layers.parameters())
                parameter.copy_(randn(parameter.shape, generator: weights).mul_(0.4));
        }

        using var generator = new Generator((ulong)dataSeed);
        Inputs = randn([32, inputs], generator: generator).DetachFromDisposeScope();
        Targets = randn([32, 1], generator: generator).DetachFromDisposeScope();
    }

    public Sequential Layers { get; }

    public Tensor Inputs { get; }

    public Tensor Targets { get; }

    public IEnumerable<Parameter> Parameters() => Layers.parameters();

    /// <summary>The mean squared error on rows [start, start + count) of the batch.</summary>
    public Tensor Loss(int start = 0, int count = 32) =>
        functional.mse_loss(Layers.forward(Inputs.narrow(0, start, count)), Targets.narrow(0, start, count));

    /// <summary>Every parameter's values, flattened and concatenated, as doubles.</summary>
    public double[] Snapshot()
    {
        using var scope = NewDisposeScope();
        return cat(Parameters().Select(p => p.detach().flatten()).ToList()).to(float64).data<double>().ToArray();
    }

    public void Dispose()
    {
        Layers.Dispose();
        Inputs.Dispose();
        Targets.Dispose();
    }
}
