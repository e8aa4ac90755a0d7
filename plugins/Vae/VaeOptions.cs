using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Framework.Contracts;

namespace Framework.Plugins.Vae;

/// <summary>The <c>model</c> options of the <c>vae</c> plugin; YAML keys are the snake_case property names.</summary>
/// <remarks>The optimiser, its learning rate and clipping come from <c>training.optimizer</c>, the learning-rate schedule
/// from <c>training.schedule</c>.</remarks>
[RetiredOption("lr_schedule", "training.schedule.name")]
[RetiredOption("lr_warmup_epochs", "training.schedule.warmup_epochs")]
[RetiredOption("final_lr_factor", "training.schedule.final_factor")]
[RetiredOption("lr_gamma", "training.schedule.gamma")]
public sealed class VaeOptions
{
    [Description("Encoder and decoder networks: mlp (fully connected) or conv (the Keras MNIST example).")]
    public VaeArchitecture Architecture { get; set; } = VaeArchitecture.Mlp;

    [Description("Size of the latent space; 0 takes the architecture's classic value: 20 for mlp, 2 for conv.")]
    [Range(0, 4096)]
    public int LatentDim { get; set; }

    [Description("Hidden layer sizes of the mlp encoder, first to last; the decoder mirrors them.")]
    [Range(1, 1_000_000)]
    public int[] Hidden { get; set; } = [400];

    [Description("Filters of the conv encoder's stride-2 convolutions; the decoder mirrors them with transposed convolutions.")]
    [Range(1, 65_536)]
    public int[] ConvChannels { get; set; } = [32, 64];

    [Description("Dense layer sizes between the conv encoder's convolutions and the latent space (mirrored in the decoder).")]
    [Range(1, 1_000_000)]
    public int[] ConvDense { get; set; } = [16];

    [Description("Kernel size of the convolutions (odd).")]
    [AllowedValues(3, 5, 7)]
    public int KernelSize { get; set; } = 3;

    [Description("Start of the decoder's output bias: default (random, as PyTorch) or data_mean (the data's per-value mean, as log-odds for bernoulli).")]
    public OutputBiasInit OutputBias { get; set; } = OutputBiasInit.Default;

    [Description("Non-linearity after every hidden layer.")]
    public HiddenActivation Activation { get; set; } = HiddenActivation.Relu;

    [Description("Decoder distribution: bernoulli (logits; binary or [0, 1] data) or gaussian.")]
    public DecoderDistribution Likelihood { get; set; } = DecoderDistribution.Bernoulli;

    [Description("Gaussian decoder only: fixed or learned (one per value) variance.")]
    public GaussianVariance Variance { get; set; } = GaussianVariance.Learned;

    [Description("Gaussian decoder only: the fixed standard deviation, or the initial one when learned.")]
    [Range(1e-4, 100.0)]
    public double GaussianSigma { get; set; } = 0.1;

    [Description("Weight of the KL term in the training objective (beta-VAE); evaluation always reports the true -ELBO.")]
    [Range(0.0, 1000.0)]
    public double Beta { get; set; } = 1.0;

    [Description("Epochs over which the KL weight rises linearly from 0 to beta; 0 disables the warm-up.")]
    [Range(0.0, 1e6)]
    public double KlWarmupEpochs { get; set; }

    [Description("How the batch's per-example losses combine for backpropagation: sum (as the PyTorch example) or mean.")]
    public LossReduction Reduction { get; set; } = LossReduction.Sum;

    [Description("Importance samples k of the IWAE log-likelihood estimate (Burda et al. 2016); 0 disables it.")]
    [Range(0, 1_000_000)]
    public int IwaeSamples { get; set; } = 500;

    [Description("Compute the IWAE estimate at every evaluation, not only at the final one.")]
    public bool IwaeEveryEvaluation { get; set; }

    [Description("At most this many latent samples are decoded at once by the IWAE estimate; bounds its memory.")]
    [Range(1, 10_000_000)]
    public int IwaeChunk { get; set; } = 16_384;

    [Description("Latent samples per test example for the -ELBO estimate (its KL term is exact).")]
    [Range(1, 10_000)]
    public int ElboSamples { get; set; } = 1;

    [Description("A latent dimension is active when the variance of its posterior mean over the test set exceeds this (Burda et al. 2016).")]
    [Range(0.0, 1e6)]
    public double ActiveUnitThreshold { get; set; } = 0.01;

    [Description("What sampling returns: the decoder's mean (probabilities) or a draw from it.")]
    public SampleMode SampleMode { get; set; } = SampleMode.Mean;

    [Description("Log pictures at every evaluation: reconstructions, loss curves, and for a 2-D latent space its manifold and the test set's embedding.")]
    public bool LogImages { get; set; } = true;

    [Description("Test images shown with their reconstructions.")]
    [Range(1, 1024)]
    public int ReconstructionCount { get; set; } = 32;

    [Description("The 2-D latent manifold is decoded on a grid of this many points per axis, at quantiles of the prior.")]
    [Range(2, 100)]
    public int ManifoldSize { get; set; } = 20;

    [Description("Test examples drawn in the 2-D latent embedding plot; 0 draws all.")]
    [Range(0, int.MaxValue)]
    public int EmbeddingPoints { get; set; }
}
