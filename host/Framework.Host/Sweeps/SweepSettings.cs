using Framework.Search;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Host.Sweeps;

/// <summary>The <c>sweep</c> section's settings; its <c>parameters</c> are read by <see cref="SweepSpecReader"/>.</summary>
internal sealed class SweepSettings
{
    [Description("How trials are chosen: grid (every combination; distributions drawn 'trials' times per grid point), random or tpe ('trials' trials in all, tpe proposing each from the finished ones).")]
    public SearchKind Search { get; set; } = SearchKind.Grid;

    [Description("grid: random draws of the distributions for each grid point (0 for a pure grid). random, tpe: the number of trials.")]
    [Range(0, SweepSpec.MaxTrials)]
    public int Trials { get; set; }

    [Description("Runs of each configuration, with seeds training.seed, training.seed + 1, ...; the summary gives mean and standard deviation over them.")]
    [Range(1, 1000)]
    public int Repeats { get; set; } = 1;

    [Description("Seed of the random search's draws (the trials' training seeds come from training.seed and repeats).")]
    [Range(0, long.MaxValue)]
    public long Seed { get; set; }

    [Description("Trials at once. 0: one per CUDA device, or one at a time on CPU. On Slurm: the array's %P throttle (0: none).")]
    [Range(0, 10_000)]
    public int Parallel { get; set; }

    [Description("What a failed trial does to the sweep: continue (the others still run) or fail_fast (stop the sweep).")]
    public FailurePolicy Failure { get; set; } = FailurePolicy.Continue;

    [Description("Extra attempts of a failed trial, each a new MLflow run, before it counts as failed.")]
    [Range(0, 100)]
    public int Retry { get; set; }

    [Description("The metric that ranks trials in the summary. Empty: test/loglik where trials log it, else test/neg_elbo, else train/loss.")]
    public string Metric { get; set; } = "";

    [Description("Whether the metric is better high (maximize) or low (minimize); auto maximises log-likelihoods and accuracies.")]
    public SweepGoal Goal { get; set; } = SweepGoal.Auto;

    [Description("Stops unpromising trials early on the metric's value at each evaluation: none, median or asha (needs metric).")]
    public PrunerKind Pruner { get; set; } = PrunerKind.None;

    [Description("The pruner's settings.")]
    public PruningSettings Pruning { get; set; } = new();

    [Description("tpe: trials drawn at random before the estimator takes over.")]
    [Range(0, 100_000)]
    public int StartupTrials { get; set; } = 10;

    [Description("tpe: model the parameters jointly (multivariate TPE, the default) rather than one at a time (Optuna 3.1's default).")]
    public bool Multivariate { get; set; } = new TpeSettings().Multivariate;

    [Description("Where trials run: local (child processes on this machine) or slurm (a job array).")]
    public SweepLauncherKind Launcher { get; set; } = SweepLauncherKind.Local;

    [Description("Resources of each Slurm array task.")]
    public SlurmSettings Slurm { get; set; } = new();
}
