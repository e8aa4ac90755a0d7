using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Plugins.Gan;

/// <summary>The <c>model</c> options of the <c>gan</c> plugin; YAML keys are the snake_case property names.</summary>
/// <remarks>The two optimisers come from <c>training.optimizers.generator</c> and <c>training.optimizers.discriminator</c>
/// (each key overrides <c>training.optimizer</c>); an average of the generator's weights for sampling from
/// <c>training.ema</c>, best with <c>batchnorm_statistics: recalibrated</c>.</remarks>
public sealed class GanOptions
{
    [Description("Networks: mlp (fully connected; flat data and lattices) or dcgan (the reference's convolutions; images whose height and width are multiples of 4, such as 28x28).")]
    public GanArchitecture Architecture { get; set; } = GanArchitecture.Mlp;

    [Description("Adversarial loss: bce (non-saturating, Goodfellow et al. 2014), hinge, or wgan_gp (Wasserstein with gradient penalty, Gulrajani et al. 2017).")]
    public GanLoss Loss { get; set; } = GanLoss.Bce;

    [Description("Size of the generator's noise input z ~ N(0, I).")]
    [Range(1, 4096)]
    public int LatentDim { get; set; } = 64;

    [Description("Values of a categorical code fed to the generator one-hot beside z (0: none); 2 lets an Ising generator keep the all-up and all-down states apart.")]
    [Range(0, 1024)]
    public int LatentCategories { get; set; }

    [Description("Hidden layer widths of the mlp generator, first to last; the discriminator uses them in reverse.")]
    [Range(1, 1_000_000)]
    public int[] Hidden { get; set; } = [256, 256];

    [Description("Discriminator (critic) updates per generator update; each training batch is one discriminator update. 0 takes the loss's classic value: 5 for wgan_gp, 1 for bce and hinge.")]
    [Range(0, 100)]
    public int CriticSteps { get; set; }

    [Description("Weight lambda of the gradient penalty lambda * E[(|grad D(x_hat)| - 1)^2] of wgan_gp.")]
    [Range(0.0, 1e6)]
    public double GradientPenalty { get; set; } = 10.0;

    [Description("Statistics of the generator's batch-norm layers when sampling: running (of training, as the reference) or recalibrated (recomputed from fresh noise for the weights in use; set this with training.ema).")]
    public BatchNormStatistics BatchnormStatistics { get; set; } = BatchNormStatistics.Running;

    [Description("Noise draws from which recalibrated batch-norm statistics are computed.")]
    [Range(2, 1_000_000)]
    public int RecalibrationSamples { get; set; } = 2048;

    [Description("Samples: auto (binary for data the dataset declares binary, such as ising2d spins; continuous otherwise), continuous, or binary (the output binarised at the middle of the data's range).")]
    public SampleValues SampleValues { get; set; } = SampleValues.Auto;

    [Description("For binary samples: whether the discriminator sees the generator's output binarised as the samples are, with the gradient passed straight through the binarisation (Bengio et al. 2013); false shows it the tanh output.")]
    public bool StraightThrough { get; set; }

    [Description("Fresh samples that evaluation compares with the test set (discriminator output, nearest-neighbour distance).")]
    [Range(1, 1_000_000)]
    public int EvalSamples { get; set; } = 1000;

    [Description("Test examples that the samples' nearest neighbours are searched among; 0 uses the whole test set.")]
    [Range(0, int.MaxValue)]
    public int NeighbourPool { get; set; } = 5000;

    [Description("Images in the grid drawn from fixed noise at every evaluation (image and lattice data); 0 draws none.")]
    [Range(0, 1024)]
    public int FixedNoiseCount { get; set; } = 64;
}
