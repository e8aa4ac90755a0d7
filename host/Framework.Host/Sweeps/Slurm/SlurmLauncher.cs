using System.Globalization;
using Framework.Host.Internal;
using Framework.Host.Sweeps.Search;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Sweeps.Slurm;

/// <summary>
/// Submits a sweep's unfinished trials as Slurm job arrays and returns: no process stays behind to watch them.
/// Writes the manifest and the batch script into the sweep folder (which must be on a file system the nodes share),
/// splits the trials into arrays below the cluster's MaxArraySize, throttles each with <c>%parallel</c>, records the
/// job ids on the parent run, and queues a summary job that runs when the arrays end (<c>afterany</c>).
/// </summary>
/// <remarks>
/// A search (random or TPE) runs in waves of <c>parallel</c> trials: each wave's proposals are made from what MLflow
/// holds when it is submitted, and the dependent job that would write the summary submits the next wave instead, until
/// the search has all its trials. No process of ours waits between waves.
/// </remarks>
internal sealed class SlurmLauncher(SlurmClient slurm, GlobalOptions options, ILogger<SlurmLauncher> logger)
{
    /// <param name="session">The sweep.</param>
    /// <param name="parallel">The array throttle; for a search, the trials of a wave (0: the sweep's setting, at least 1).</param>
    /// <param name="proposer">For a search: proposes the wave's trials.</param>
    /// <param name="retryFailed">Whether failed trials run again (a new submission by the user), or stay failed (a later wave).</param>
    public SlurmSubmitResult Submit(SweepSession session, int parallel, SearchProposer? proposer = null, bool retryFailed = true)
    {
        var plan = session.Plan;
        var settings = plan.Spec.Settings;
        var folder = session.Folder;
        var previous = SlurmSubmissionLog.Read(folder);
        var active = previous.Where(s => s.Kind == SlurmSubmission.ArrayKind)
            .SelectMany(s => slurm.Tasks(s.JobId)).Where(t => t.IsActive).ToList();
        if (active.Count > 0)
        {
            throw new SlurmException(
                $"sweep {plan.SweepId} still has {active.Count} task(s) queued or running in Slurm (job {string.Join(", ", active.Select(t => t.JobId).Distinct())}); " +
                $"wait for them ('sweep status {plan.SourcePath}'), or cancel them with scancel, before submitting again.");
        }

        // A summary job still waiting would end the parent run while the new tasks run; the new submission queues its own.
        // (A wave's own summary job, which submits the next wave, is not waiting: it is this process.)
        string? self = Environment.GetEnvironmentVariable("SLURM_JOB_ID");
        var waitingSummaries = previous.Where(s => s.Kind == SlurmSubmission.FinalizeKind && s.JobId != self)
            .Where(s => slurm.Tasks(s.JobId).Any(t => t.IsActive)).Select(s => s.JobId).ToList();
        slurm.Cancel(waitingSummaries);

        var pending = session.States(withMetrics: false)
            .Where(s => !s.IsDone && (retryFailed || s.Status != Tracking.RunStatus.Failed)).Select(s => s.Index).ToList();
        session.StartParent(SweepLauncherKind.Slurm);
        int throttle = parallel > 0 ? parallel : settings.Parallel;
        if (proposer is not null)
        {
            // A wave: the unfinished trials first, then new proposals, each made knowing the ones before it are pending.
            int wave = Math.Max(1, throttle);
            while (pending.Count < wave && proposer.HasMore)
            {
                var (trial, errors) = proposer.Next();
                if (trial is null)
                    throw new SlurmException($"the search proposed values the experiment's options refuse: {string.Join("; ", errors)}");
                pending.Add(trial.Index);
            }

            throttle = 0;
        }

        session.WriteManifest();
        if (pending.Count == 0)
            return new SlurmSubmitResult([], null, null);

        Directory.CreateDirectory(folder.SlurmDirectory);
        var inputs = new SbatchScript.Inputs($"fw-{plan.SweepId[..8]}", plan.SweepId, plan.SourcePath, plan.Trials.Count, folder.ManifestFile,
            folder.SlurmDirectory, Directory.GetCurrentDirectory(), HostInvocation.Current(options), settings);
        string script = Path.Combine(folder.SlurmDirectory, "trial.sbatch");
        File.WriteAllText(script, SbatchScript.Render(inputs));

        int maxArraySize = settings.Slurm.MaxArraySize > 0 ? settings.Slurm.MaxArraySize : slurm.MaxArraySize();
        var arrays = new List<SlurmSubmission>();
        foreach (var chunk in ArraySpec.Split(pending, maxArraySize))
        {
            string array = chunk.TaskSpec + (throttle > 0 ? "%" + throttle.ToString(CultureInfo.InvariantCulture) : "");
            string job = slurm.Submit([$"--array={array}", $"--export=ALL,FW_INDEX_OFFSET={chunk.Offset.ToString(CultureInfo.InvariantCulture)}", script]);
            var submission = new SlurmSubmission(job, SlurmSubmission.ArrayKind, chunk.Offset, chunk.Indices, DateTimeOffset.UtcNow);
            SlurmSubmissionLog.Append(folder, submission);
            arrays.Add(submission);
            logger.ArraySubmitted(job, array, chunk.Offset);
        }

        string finalize = slurm.Submit(SbatchScript.FinalizeOptions(inputs, arrays.Select(a => a.JobId)));
        SlurmSubmissionLog.Append(folder, new SlurmSubmission(finalize, SlurmSubmission.FinalizeKind, 0, [], DateTimeOffset.UtcNow));

        var allJobs = previous.Where(s => s.Kind == SlurmSubmission.ArrayKind).Concat(arrays).Select(s => s.JobId);
        session.SetParentTags(new Dictionary<string, string>
        {
            [SweepTags.SlurmJobId] = arrays[^1].JobId,
            [SweepTags.SlurmJobIds] = string.Join(',', allJobs),
        });
        return new SlurmSubmitResult(arrays, finalize, script);
    }
}
