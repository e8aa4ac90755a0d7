using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Training;

/// <summary>The plain path, for every architecture, activation and decoder: the model's −ELBO differentiated by autograd
/// and minimised by the host's optimiser. The faster paths are tested against it.</summary>
/// <param name="negativeElbo">The model's −ELBO terms of a batch (with their graph), for noise ε.</param>
/// <param name="optimizer">The model's optimiser.</param>
internal sealed class AutogradPath(Func<Tensor, Tensor, (Tensor Reconstruction, Tensor Kl)> negativeElbo, IOptimizer optimizer) : ITrainingPath
{
    private readonly NativeHeap _heap = new();

    public bool Handles(long batchSize) => true;

    public (Tensor Reconstruction, Tensor Kl) Step(Tensor x, Tensor epsilon, double beta, double scale)
    {
        var (reconstruction, kl) = negativeElbo(x, epsilon);
        var objective = beta == 1.0 ? reconstruction + kl : reconstruction + beta * kl;
        optimizer.Minimize(scale == 1.0 ? objective : objective * scale);
        // Autograd allocates fresh activations and gradients every step; see NativeHeap for why they are trimmed.
        _heap.AfterStep();
        return (reconstruction.detach(), kl.detach());
    }

    public void Dispose()
    {
    }
}
