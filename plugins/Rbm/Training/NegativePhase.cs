using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Training;

/// <summary>What one contrastive-divergence estimate produced, besides the gradient.</summary>
/// <param name="DataHidden">p(h | v) of the batch.</param>
/// <param name="ModelSamples">The negative-phase visible states.</param>
/// <param name="ModelHidden">p(h | v) of the negative-phase states.</param>
/// <param name="Reconstruction">E[v | h] for h sampled from the batch: the one-step reconstruction.</param>
/// <param name="FreeEnergyGap">mean F(data) - mean F(samples): the quantity whose gradient the update follows.</param>
/// <param name="DataFreeEnergy">mean F(data).</param>
internal sealed record NegativePhase(
    Tensor DataHidden,
    Tensor ModelSamples,
    Tensor ModelHidden,
    Tensor Reconstruction,
    Tensor FreeEnergyGap,
    Tensor DataFreeEnergy);
