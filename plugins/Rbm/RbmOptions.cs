using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Framework.Contracts;

namespace Framework.Plugins.Rbm;

/// <summary>Hyperparameters of the <c>rbm</c> model. Learning rate, momentum and weight decay come from
/// <c>training.optimizer</c> (which must name <c>sgd</c>), their schedules from <c>training.schedule</c>.</summary>
[RetiredOption("learning_rate_schedule", "training.schedule.name")]
[RetiredOption("final_learning_rate_fraction", "training.schedule.final_factor")]
[RetiredOption("initial_momentum", "training.schedule.momentum_warmup.start")]
[RetiredOption("momentum_switch_epoch", "training.schedule.momentum_warmup.epochs", Note = "with shape: step, the default")]
public sealed class RbmOptions
{
    [Description("Number of hidden units.")]
    [Range(1, 1_000_000)]
    public int Hidden { get; set; } = 128;

    [Description("Visible units: bernoulli (binary data) or gaussian (real-valued data).")]
    public VisibleUnits Visible { get; set; } = VisibleUnits.Bernoulli;

    [Description("Standard deviation of Gaussian visible units (initial value when learned); ignored for Bernoulli units.")]
    [Range(1e-3, 1e3)]
    public double Sigma { get; set; } = 1.0;

    [Description("Learn the Gaussian visible units' standard deviations (per unit) instead of keeping sigma fixed.")]
    public bool LearnSigma { get; set; }

    [Description("Negative phase: cd (chains start at the data) or pcd (persistent chains).")]
    public TrainingMethod Method { get; set; } = TrainingMethod.Cd;

    [Description("Gibbs sweeps per update (the k of CD-k and PCD-k).")]
    [Range(1, 10_000)]
    public int GibbsSteps { get; set; } = 1;

    [Description("Number of persistent chains for pcd; 0 uses the batch size.")]
    [Range(0, 1_000_000)]
    public int PersistentChains { get; set; }

    [Description("Standard deviation of the initial Gaussian weights (Hinton's guide: 0.01).")]
    [Range(0.0, 10.0)]
    public double WeightInitStd { get; set; } = 0.01;

    [Description("Initialise visible biases from the training data (log-odds of unit means; means for Gaussian units) instead of zero.")]
    public bool VisibleBiasFromData { get; set; } = true;

    [Description("Target mean activation of hidden units; 0 turns the sparsity penalty off.")]
    [Range(0.0, 0.999)]
    public double SparsityTarget { get; set; }

    [Description("Strength of the sparsity penalty.")]
    [Range(0.0, 100.0)]
    public double SparsityCost { get; set; }

    [Description("Decay of the running estimate of hidden activations used by the sparsity penalty.")]
    [Range(0.0, 0.9999)]
    public double SparsityDecay { get; set; } = 0.95;

    [Description("Gibbs sweeps before the first sample is taken.")]
    [Range(0, 10_000_000)]
    public int SampleBurnIn { get; set; } = 1000;

    [Description("Gibbs sweeps between successive samples of one chain.")]
    [Range(1, 1_000_000)]
    public int SampleThinning { get; set; } = 10;

    [Description("Number of sampling chains; 0 runs one chain per requested sample.")]
    [Range(0, 1_000_000)]
    public int SampleChains { get; set; }

    [Description("Where sampling chains start: noise or data.")]
    public SampleStart SampleStart { get; set; } = SampleStart.Noise;

    [Description("Return the visible units' conditional means instead of sampled states (smoother images; not for physical observables).")]
    public bool SampleMeanField { get; set; }

    [Description("Compute log Z exactly when the smaller layer has at most this many states (2^20 by default).")]
    [Range(0L, 1L << 40)]
    public long ExactLogZMaxStates { get; set; } = 1L << 20;

    [Description("Independent AIS runs (chains).")]
    [Range(2, 1_000_000)]
    public int AisRuns { get; set; } = 100;

    [Description("Number of AIS intermediate distributions (Salakhutdinov and Murray 2008 use 14,500).")]
    [Range(10, 10_000_000)]
    public int AisSteps { get; set; } = 14_500;

    [Description("Spacing of the AIS inverse temperatures: piecewise (Salakhutdinov and Murray) or linear.")]
    public AisSchedule AisSchedule { get; set; } = AisSchedule.Piecewise;

    [Description("Also estimate log Z by AIS when it can be computed exactly (for comparison).")]
    public bool AisWhenExact { get; set; }

    [Description("Compute log Z (exact or AIS) and test/loglik at every evaluation, not only the final one.")]
    public bool LogLikelihoodEveryEvaluation { get; set; }

    [Description("Training examples used for train/free_energy and the free-energy gap; 0 uses as many as the test split has.")]
    [Range(0, 10_000_000)]
    public int FreeEnergyExamples { get; set; }
}
