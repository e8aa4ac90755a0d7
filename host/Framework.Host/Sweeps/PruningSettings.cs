using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Host.Sweeps;

/// <summary>The <c>sweep.pruning</c> group: the pruner's settings (Optuna's defaults for the pruners it names).</summary>
internal sealed class PruningSettings
{
    [Description("median: trials that finish before the median rule applies to others.")]
    [Range(0, 100_000)]
    public int StartupTrials { get; set; } = 5;

    [Description("median: epochs a trial runs before it can be pruned.")]
    [Range(0, 1_000_000)]
    public int WarmupEpochs { get; set; }

    [Description("asha: epochs of the first rung.")]
    [Range(1, 1_000_000)]
    public int MinResource { get; set; } = 1;

    [Description("asha: rung k is at min_resource x reduction_factor^k epochs, and keeps the best 1/reduction_factor there.")]
    [Range(2, 1000)]
    public int ReductionFactor { get; set; } = 3;
}
