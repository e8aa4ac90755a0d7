using Framework.Contracts.Training;
using Framework.Plugins.Vae.Networks;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Training;

/// <summary>The one place that chooses how the VAE trains, batch by batch: the two-thread MLP step where it applies,
/// else the hand-written MLP step, else autograd, which always applies.</summary>
/// <remarks>
/// <para>The hand-written steps compute the same gradients as autograd (their tests compare them) in preallocated buffers:
/// <see cref="FusedMlpStep"/> for fully connected networks, and <see cref="RowSplitMlpStep"/>, its form for relu networks
/// with a Bernoulli decoder and Adam on a CPU with two or more threads, which also applies the optimiser's update.</para>
/// <para>The two-thread step holds libtorch's thread count of the calling thread at one between its steps (see there);
/// this chooser gives the count back before another path runs, and the host does so before evaluating and sampling.</para>
/// </remarks>
internal sealed class TrainingPaths : ITrainingPath
{
    private readonly ITrainingPath[] _paths;  // fastest first; the last, autograd, handles every batch
    private readonly RowSplitMlpStep? _rowSplit;

    private TrainingPaths(RowSplitMlpStep? rowSplit, FusedMlpStep? fused, AutogradPath autograd)
    {
        _rowSplit = rowSplit;
        _paths = new ITrainingPath?[] { rowSplit, fused, autograd }.OfType<ITrainingPath>().ToArray();
    }

    /// <summary>The paths that apply to this model and optimiser, with autograd last.</summary>
    /// <param name="options">The model's options.</param>
    /// <param name="network">Its networks, whose parameters the optimiser holds.</param>
    /// <param name="optimizer">The model's optimiser.</param>
    /// <param name="batchSize">The training batch size (the buffers' size).</param>
    /// <param name="device">Where the model lives.</param>
    /// <param name="negativeElbo">The model's −ELBO, for the autograd path.</param>
    public static TrainingPaths Create(VaeOptions options, VaeNetwork network, IOptimizer optimizer, long batchSize, Device device,
        Func<Tensor, Tensor, (Tensor Reconstruction, Tensor Kl)> negativeElbo)
    {
        var fused = FusedMlpStep.Supports(options, optimizer) ? FusedMlpStep.Create(network, options, optimizer, batchSize, device) : null;
        var rowSplit = RowSplitMlpStep.Supports(options, optimizer, device) ? RowSplitMlpStep.Create(network, options, optimizer, batchSize) : null;
        return new TrainingPaths(rowSplit, fused, new AutogradPath(negativeElbo, optimizer));
    }

    /// <summary>The class names of the paths in use, fastest first (for tests and logs).</summary>
    public IReadOnlyList<string> Names => _paths.Select(p => p.GetType().Name).ToList();

    public bool Handles(long batchSize) => true;

    public (Tensor Reconstruction, Tensor Kl) Step(Tensor x, Tensor epsilon, double beta, double scale)
    {
        var path = _paths.First(p => p.Handles(x.shape[0]));
        if (!ReferenceEquals(path, _rowSplit))
            _rowSplit?.ReleaseThreads();
        return path.Step(x, epsilon, beta, scale);
    }

    public void Dispose()
    {
        foreach (var path in _paths)
            path.Dispose();
    }
}
