namespace Framework.Host.Sweeps;

/// <summary>
/// The tags that tie trials to their sweep in MLflow. Results travel only through the tracking store, so these are
/// how every process (a local launcher, a Slurm array task, <c>sweep status</c>) finds the sweep's runs.
/// </summary>
internal static class SweepTags
{
    /// <summary>On the parent run: the sweep's id (children carry <see cref="SweepId"/> instead, so each is found alone).</summary>
    public const string Parent = "framework.sweep.parent";

    /// <summary>On each trial: the sweep's id (filter the MLflow UI with <c>tags.`framework.sweep.id` = '...'</c>).</summary>
    public const string SweepId = "framework.sweep.id";

    /// <summary>On each trial: its index in the sweep (the Slurm array index).</summary>
    public const string Trial = "framework.sweep.trial";

    /// <summary>On each trial: the hash of its resolved configuration.</summary>
    public const string TrialId = "framework.sweep.trial_id";

    /// <summary>On each trial: the configuration hash without the seed, shared by the seed repeats.</summary>
    public const string Configuration = "framework.sweep.configuration";

    /// <summary>On each trial: the configuration hash its checkpoints carry (equal to <see cref="TrialId"/>).</summary>
    public const string ConfigHash = "framework.config_hash";

    /// <summary>On each trial: which attempt the run is (1, then 2... after failures with <c>retry</c>).</summary>
    public const string Attempt = "framework.sweep.attempt";

    /// <summary>On each trial: <c>sweep/trial/attempt</c>, unique, so one lookup finds one attempt's run.</summary>
    public const string TrialKey = "framework.sweep.trial_key";

    /// <summary>On the parent: local or slurm.</summary>
    public const string Launcher = "framework.sweep.launcher";

    /// <summary>On the parent: the sweep folder (manifest, trial folders, Slurm scripts and logs).</summary>
    public const string Folder = "framework.sweep.folder";

    /// <summary>On the parent: the number of trials.</summary>
    public const string TrialCount = "framework.sweep.trials";

    /// <summary>On the parent: the metric that ranks trials, and whether higher is better.</summary>
    public const string Metric = "framework.sweep.metric";

    /// <summary>On the parent: maximize or minimize.</summary>
    public const string Goal = "framework.sweep.goal";

    /// <summary>On the parent, after the summary: the best trial's index.</summary>
    public const string BestTrial = "framework.sweep.best_trial";

    /// <summary>On the parent, after the summary: the best trial's run id.</summary>
    public const string BestRunId = "framework.sweep.best_run_id";

    /// <summary>On the parent, after the summary: the count of trials in each state (<c>FINISHED=7 FAILED=1</c>).</summary>
    public const string States = "framework.sweep.states";

    /// <summary>The Slurm job id: on the parent the latest array job, on a trial <c>ARRAYJOB_TASK</c>.</summary>
    public const string SlurmJobId = "framework.slurm.job_id";

    /// <summary>On the parent: every array job submitted for the sweep, comma-separated.</summary>
    public const string SlurmJobIds = "framework.slurm.job_ids";

    /// <summary>On a trial: how many times Slurm requeued its task (SLURM_RESTART_COUNT).</summary>
    public const string SlurmRestarts = "framework.slurm.restart_count";

    /// <summary>The lookup key of one attempt of one trial.</summary>
    public static string TrialKeyOf(string sweepId, string trialId, int attempt) => $"{sweepId}/{trialId}/{attempt}";
}
