using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Training;

/// <summary>One way to take a training step of the VAE: the gradient of scale·(reconstruction + β·KL) for a batch, then
/// the optimiser's update. <see cref="TrainingPaths"/> chooses among them.</summary>
internal interface ITrainingPath : IDisposable
{
    /// <summary>Whether this path can take a step on a batch of <paramref name="batchSize"/> examples.</summary>
    bool Handles(long batchSize);

    /// <summary>Takes the step.</summary>
    /// <param name="x">The batch.</param>
    /// <param name="epsilon">The standard normal draw of the reparameterisation, <c>[n, latent]</c>.</param>
    /// <param name="beta">The weight of the KL term.</param>
    /// <param name="scale">1 for a summed loss, 1/n for a mean.</param>
    /// <returns>The reconstruction term and the KL, each summed over the batch and detached.</returns>
    (Tensor Reconstruction, Tensor Kl) Step(Tensor x, Tensor epsilon, double beta, double scale);
}
