namespace Framework.Search;

/// <summary>
/// Settings of <see cref="TpeSampler"/>. The defaults are Optuna 3.1's TPESampler defaults (prior weight 1, magic clip
/// on, endpoints off, 10 start-up trials, 24 candidates, γ(n) = min(⌈0.1 n⌉, 25)) with two exceptions:
/// <see cref="ConstantLiar"/> is on, so that parallel proposals avoid each other (it changes nothing when no trial is
/// running), and the parameters are modelled jointly (<see cref="Multivariate"/>) with each kernel as wide as the gaps
/// to its neighbours (<see cref="JointBandwidth.Neighbours"/>), two of the choices Watanabe's ablation of TPE studies
/// (2023, arXiv:2304.11127; neighbour widths are his reference implementation's default). Optuna 3.1's own default is
/// <c>Multivariate = false</c>; <c>JointBandwidth.Scott</c> is its multivariate=True. Measured over 100 seeds with
/// bench/Search.Benchmark/compare.sh (the table is in the README's search section), the joint model with
/// neighbour widths finds better values than Optuna 3.1's default on all three benchmark functions at 30 and 60 trials,
/// while Scott's widths fall behind on branin at 60 trials: they do not narrow as the good trials cluster.
/// </summary>
public sealed record TpeSettings
{
    /// <summary>Whether smaller or larger values are better.</summary>
    public Direction Direction { get; init; } = Direction.Minimize;

    /// <summary>Finished (complete or pruned) trials before TPE takes over from uniform random draws.</summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>Candidates drawn from the good trials' density l(x); the one with the largest l(x)/g(x) is proposed.</summary>
    public int EiCandidates { get; init; } = 24;

    /// <summary>Weight of the prior kernel (a wide Gaussian at the centre of the range, or uniform over the choices).</summary>
    public double PriorWeight { get; init; } = 1.0;

    /// <summary>Kernel widths at least (high − low) / min(100, 1 + kernels): stops l(x) collapsing onto a few points.</summary>
    public bool ConsiderMagicClip { get; init; } = true;

    /// <summary>Whether the outermost kernels' widths count the distance to the range's ends (Optuna's consider_endpoints).</summary>
    public bool ConsiderEndpoints { get; init; }

    /// <summary>
    /// Running trials (pending proposals) count as the worst trials, so their values join the bad trials' density g(x)
    /// and new proposals keep away from them (Optuna's constant_liar). The start-up count and γ ignore them.
    /// </summary>
    public bool ConstantLiar { get; init; } = true;

    /// <summary>
    /// Whether a continuous kernel's log density includes −log σ, which makes each truncated Gaussian a normalised
    /// density. Optuna 3.1 leaves it out (optuna issue #5109; 3.5 added it, PR #5110), so that every kernel peaks at
    /// the same height whatever its width; off by default, as in Optuna 3.1: on the benchmark functions of
    /// bench/Search.Benchmark that searched better (normalised kernels make narrow clusters of bad trials repel
    /// candidates strongly, and the search explores more and converges later).
    /// </summary>
    public bool NormalisedKernels { get; init; }

    /// <summary>
    /// Model the unconditional parameters jointly (Optuna's multivariate=True, which Optuna 3.1 leaves off), which
    /// captures interactions between parameters; conditional parameters are still sampled one by one.
    /// </summary>
    public bool Multivariate { get; init; } = true;

    /// <summary>How the multivariate estimator chooses its kernels' widths (see <see cref="Search.JointBandwidth"/>).</summary>
    public JointBandwidth JointBandwidth { get; init; } = JointBandwidth.Neighbours;

    /// <summary>γ(n): how many of n finished trials form the good set.</summary>
    public static int Gamma(int finished) => Math.Min((int)Math.Ceiling(0.1 * finished), 25);

    internal void Validate()
    {
        if (StartupTrials < 0)
            throw new ArgumentException($"TPE start-up trials must be >= 0 (got {StartupTrials}).");
        if (EiCandidates < 1)
            throw new ArgumentException($"TPE candidates must be >= 1 (got {EiCandidates}).");
        if (!(PriorWeight > 0) || !double.IsFinite(PriorWeight))
            throw new ArgumentException($"TPE prior weight must be positive (got {PriorWeight}).");
    }
}

/// <summary>Kernel widths of the multivariate estimator.</summary>
public enum JointBandwidth
{
    /// <summary>Scott's rule, one width per parameter: 0.2 · n^(−1/(d+4)) · (high − low) (Optuna's multivariate TPE).</summary>
    Scott,

    /// <summary>
    /// Per observation and parameter, the larger gap to its neighbours along that parameter, clipped as in the
    /// univariate estimator (Hyperopt's rule; Watanabe's bandwidth_strategy="hyperopt"): kernels narrow where good
    /// trials cluster and stay wide where they are sparse.
    /// </summary>
    Neighbours,
}
