using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Plugins.Diffusion;

/// <summary>The <c>model</c> options of the <c>diffusion</c> plugin; YAML keys are the snake_case property names.</summary>
/// <remarks>The optimiser, its clipping and the weight average used for sampling come from <c>training.optimizer</c> and
/// <c>training.ema</c>.</remarks>
public sealed class DiffusionOptions
{
    [Description("Noise-prediction network: mlp (flat data, small lattices) or unet (images [c, h, w] or [h, w]).")]
    public DiffusionArchitecture Architecture { get; set; } = DiffusionArchitecture.Mlp;

    [Description("What the network predicts: epsilon (the noise, Ho et al.), x0 (the clean example) or v (the velocity sqrt(abar) eps - sqrt(1 - abar) x0, Salimans and Ho).")]
    public PredictionTarget Prediction { get; set; } = PredictionTarget.Epsilon;

    [Description("Number of diffusion steps T.")]
    [Range(2, 100_000)]
    public int Timesteps { get; set; } = 1000;

    [Description("Noise schedule: linear (Ho et al. 2020) or cosine (Nichol and Dhariwal 2021).")]
    public ScheduleKind Schedule { get; set; } = ScheduleKind.Linear;

    [Description("Linear schedule: beta_1, the noise variance of the first step.")]
    [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double BetaStart { get; set; } = 1e-4;

    [Description("Linear schedule: beta_T, the noise variance of the last step.")]
    [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double BetaEnd { get; set; } = 0.02;

    [Description("Cosine schedule: the offset s that keeps beta_1 from vanishing.")]
    [Range(0.0, 1.0)]
    public double CosineOffset { get; set; } = 0.008;

    [Description("U-Net: channels of the first level (the time embedding has 4x this width).")]
    [Range(8, 4096)]
    public int Channels { get; set; } = 16;

    [Description("U-Net: channel multiplier of each resolution level, first to last; each level after the first halves the resolution.")]
    [Range(1, 64)]
    public int[] ChannelMultipliers { get; set; } = [1, 2, 2];

    [Description("U-Net: a self-attention block between the two residual blocks at the lowest resolution.")]
    public bool Attention { get; set; } = true;

    [Description("U-Net: padding of the 3x3 convolutions: zeros (images) or circular (periodic lattices, whose opposite edges are neighbours).")]
    public ConvolutionPadding Padding { get; set; } = ConvolutionPadding.Zeros;

    [Description("U-Net: groups of every GroupNorm (must divide every level's channels).")]
    [Range(1, 1024)]
    public int Groups { get; set; } = 8;

    [Description("MLP: hidden layer widths, first to last; each layer gets the time embedding added before its SiLU.")]
    [Range(1, 1_000_000)]
    public int[] Hidden { get; set; } = [256, 256];

    [Description("MLP: width of the sinusoidal time embedding (even).")]
    [Range(2, 4096)]
    public int TimeEmbedding { get; set; } = 64;

    [Description("Sampler: ancestral (all T steps) or ddim (sampling_steps steps).")]
    public SamplerKind Sampler { get; set; } = SamplerKind.Ancestral;

    [Description("DDIM: number of timesteps visited, range(0, T, T / sampling_steps) as in the DDIM code.")]
    [Range(1, 100_000)]
    public int SamplingSteps { get; set; } = 100;

    [Description("DDIM: noise scale eta; 0 is deterministic, 1 with all T steps is the ancestral sampler with small variance.")]
    [Range(0.0, 1.0)]
    public double Eta { get; set; }

    [Description("Variance of the reverse steps: small (posterior beta~_t) or large (beta_t); used by the ancestral sampler and the bound.")]
    public ReverseVariance Variance { get; set; } = ReverseVariance.Small;

    [Description("Clip the predicted x_0 to [-1, 1] before forming the reverse mean (Ho et al.'s sampler and bound).")]
    public bool ClipX0 { get; set; } = true;

    // 250 as the reference ddpm.py: a U-Net feature map of 1,000 28x28 images (100 MB) is above glibc's largest mmap
    // threshold (32 MB), so every step maps and faults in fresh pages; 10-step DDIM on 1,000 images took 30 ms per
    // image in one batch against 17-20 in batches of 64 to 500 (fw sample, 2 threads).
    [Description("Samples drawn through the reverse chain at once; bounds the memory of Sample (larger batches of images are slower on a CPU).")]
    [Range(1, 1_000_000)]
    public int SampleBatch { get; set; } = 250;

    [Description("Test examples the variational bound is computed on; 0 takes the whole test split.")]
    [Range(0, int.MaxValue)]
    public int VlbExamples { get; set; } = 1000;

    [Description("Timesteps sampled per example to estimate the bound's sum over t (unbiased); 0 sums all T - 1 terms exactly.")]
    [Range(0, 100_000)]
    public int VlbTimesteps { get; set; } = 4;

    [Description("Bins of the discretised Gaussian decoder at t = 0 on [-1, 1]; 0 takes 2 for binary or spin data, 256 otherwise.")]
    [Range(0, 65_536)]
    public int DecoderBins { get; set; }

    [Description("Samples shown in the denoising trajectory strip at each evaluation; 0 draws none.")]
    [Range(0, 64)]
    public int TrajectorySamples { get; set; } = 4;

    [Description("Timesteps shown per sample in the trajectory strip, evenly spaced from x_T to x_0.")]
    [Range(2, 100)]
    public int TrajectoryFrames { get; set; } = 10;

    [Description("Also report the training loss by quarter of the timestep range (train/loss_t_quartile_1..4; NaN when a quarter has no example in the batch).")]
    public bool LossQuartiles { get; set; }
}
