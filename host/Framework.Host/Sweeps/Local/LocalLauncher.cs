using System.Globalization;
using Framework.Host.Cli;
using Framework.Host.Internal;
using Framework.Host.Sweeps.Search;
using Framework.Host.Tracking;
using Microsoft.Extensions.Logging;
using TorchSharp;

namespace Framework.Host.Sweeps.Local;

/// <summary>
/// Runs a sweep's unfinished trials on this machine: each in its own process (see <see cref="TrialProcess"/>), up to
/// one per <see cref="TrialSlot"/> at a time, applying the failure policy as results arrive.
/// </summary>
/// <remarks>
/// What a trial did is read back from MLflow when its process exits (results travel only through the tracking
/// store); a process that died without ending its run (a native crash) has its run marked FAILED here, with the
/// reason. Ctrl+C or SIGTERM stops the launcher: every running trial gets SIGTERM, checkpoints and ends KILLED.
/// </remarks>
internal sealed class LocalLauncher(GlobalOptions options, ILogger<LocalLauncher> logger)
{
    /// <param name="session">The sweep.</param>
    /// <param name="parallel">Trials at once (0: the sweep's setting).</param>
    /// <param name="cancellation">Stops the sweep (running trials checkpoint).</param>
    /// <param name="proposer">For a search: proposes each next trial when a slot frees, from the trials finished so far.</param>
    public async Task<LocalLaunchResult> RunAsync(SweepSession session, int parallel, CancellationToken cancellation, SearchProposer? proposer = null)
    {
        var plan = session.Plan;
        var settings = plan.Spec.Settings;
        var states = session.States(withMetrics: false).ToDictionary(s => s.Index);
        var queue = new LinkedList<SweepTrial>(plan.Trials.Where(t => !states[t.Index].IsDone));
        // A search's proposal that repeats a running trial's configuration is that trial: it waits for its result.
        var waiting = new List<SweepTrial>();
        int cudaDevices = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        var slots = TrialSlot.Plan(parallel > 0 ? parallel : settings.Parallel, cudaDevices, Environment.ProcessorCount);
        int total = plan.PlannedTrialCount;
        logger.SweepStarting(plan.SweepId, plan.Base.Name, total, plan.Trials.Count - queue.Count, total - plan.Trials.Count + queue.Count, slots.Count);

        var host = HostInvocation.Current(options);
        var free = new Stack<TrialSlot>(slots.Reverse());
        var running = new List<TrialProcess>();
        var launches = new Dictionary<int, int>();
        var failed = new List<int>();
        int done = plan.Trials.Count - queue.Count;
        bool stopping = false, stoppedByFailure = false;
        var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellation.Register(() => interrupted.TrySetResult());
        try
        {
            while (true)
            {
                while (!stopping && free.Count > 0 && (queue.Count > 0 || proposer?.HasMore == true))
                {
                    SweepTrial trial;
                    if (queue.Count > 0)
                    {
                        trial = queue.First!.Value;
                        queue.RemoveFirst();
                    }
                    else if (Propose(proposer!) is { } proposed)
                    {
                        trial = proposed;
                    }
                    else
                    {
                        break;
                    }

                    if (running.Any(r => r.Trial.Id == trial.Id))
                    {
                        waiting.Add(trial);
                        continue;
                    }

                    if (session.State(trial, withMetrics: false).IsDone)
                    {
                        // An earlier trial with the same configuration already has its result.
                        done++;
                        continue;
                    }

                    launches[trial.Index] = launches.GetValueOrDefault(trial.Index) + 1;
                    var (attempt, latest) = session.Runs.Latest(trial.Id);
                    int next = latest?.Status is RunStatus.Running or RunStatus.Killed ? attempt : attempt + 1;
                    var slot = free.Pop();
                    running.Add(TrialProcess.Start(host, session.Folder.ManifestFile, trial, slot, next, session.Folder.ConsoleLog(trial.Index, trial.Id)));
                    logger.TrialLaunched(trial.Index, next, slot.Describe(), trial.Describe());
                }

                if (running.Count == 0)
                    break;

                var exited = await Task.WhenAny(running.Select(r => r.Exited).Append(interrupted.Task));
                if (exited == interrupted.Task)
                {
                    if (!stopping)
                        Stop("interrupted (Ctrl+C or SIGTERM); running trials checkpoint and stop");
                    interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    continue;
                }

                var process = running.First(r => r.Exited == exited);
                running.Remove(process);
                free.Push(process.Slot);
                foreach (var repeat in waiting.Where(w => w.Id == process.Trial.Id).ToList())
                {
                    waiting.Remove(repeat);
                    queue.AddFirst(repeat);
                }

                using (process)
                {
                    if (Handle(process))
                        done++;
                }
            }
        }
        finally
        {
            // Never leave trial processes behind, whatever went wrong here.
            foreach (var process in running)
            {
                process.Terminate();
                process.Dispose();
            }
        }

        return new LocalLaunchResult(cancellation.IsCancellationRequested, stoppedByFailure, failed);

        bool Handle(TrialProcess process)
        {
            var trial = process.Trial;
            var state = session.State(trial, withMetrics: true);
            if (state.IsFinished)
            {
                string metric = DescribeMetric(plan, state);
                logger.TrialFinished(trial.Index, process.Elapsed.TotalSeconds, done + 1, total, metric);
                return true;
            }

            if (state.IsPruned)
            {
                logger.TrialPruned(trial.Index, state.Tags.GetValueOrDefault(Training.PruningHook.EpochTag, "?"), process.Elapsed.TotalSeconds, done + 1, total,
                    state.Tags.GetValueOrDefault(Training.PruningHook.ReasonTag, ""));
                return true;
            }

            // Once the launcher stops the sweep, a trial that did not fail by itself was stopped, however its process ended
            // (one still starting up dies of the SIGTERM before it can checkpoint).
            if (process.ExitCode == ExitCodes.Interrupted || (stopping && state.Status != RunStatus.Failed))
            {
                logger.TrialStopped(trial.Index, state.StatusName);
                return false;
            }

            string reason = Reason(session, process, state);
            logger.TrialFailed(trial.Index, process.Attempt, reason, process.LogPath);
            bool deterministic = process.ExitCode is ExitCodes.Usage or ExitCodes.Busy;
            if (!deterministic && !stopping && launches[trial.Index] <= settings.Retry)
            {
                logger.TrialRetrying(trial.Index, launches[trial.Index] + 1, settings.Retry + 1);
                queue.AddFirst(trial);
                return false;
            }

            failed.Add(trial.Index);
            if (settings.Failure == FailurePolicy.FailFast && !stopping)
            {
                stoppedByFailure = true;
                Stop($"trial {trial.Index} failed and the failure policy is fail_fast");
            }

            return false;
        }

        SweepTrial? Propose(SearchProposer search)
        {
            var (proposed, errors) = search.Next();
            if (proposed is not null)
                return proposed;
            Stop($"the search proposed values the experiment's options refuse: {string.Join("; ", errors)}");
            stoppedByFailure = true;
            return null;
        }

        void Stop(string why)
        {
            stopping = true;
            logger.SweepStopping(why);
            foreach (var process in running)
                process.Terminate();
        }
    }

    /// <summary>Why a trial failed: its run's error tag, else how its process died; a run left RUNNING is marked FAILED.</summary>
    private static string Reason(SweepSession session, TrialProcess process, TrialState state)
    {
        if (state.Error is { } error && state.Status == RunStatus.Failed)
            return error;
        string reason = process.DescribeExit();
        string tail = process.Tail().Split('\n').LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))?.Trim() ?? "";
        if (tail.Length > 0)
            reason += $": {tail}";
        if (state.Run is { Status: RunStatus.Running } orphan)
        {
            // The process died without ending its run (a native crash, SIGKILL): record why, and that it is over.
            session.Store.LogBatch(orphan.RunId, [], [], [new(MlflowTagKeys.Error, reason.Length <= 5000 ? reason : reason[..5000]), new(MlflowTagKeys.ErrorType, "TrialProcessDied")]);
            session.Store.UpdateRun(orphan.RunId, RunStatus.Failed, TrackingClock.NowMs());
        }

        return reason;
    }

    private static string DescribeMetric(SweepPlan plan, TrialState state)
    {
        string metric = string.IsNullOrWhiteSpace(plan.Spec.Settings.Metric) ? "test/loglik" : plan.Spec.Settings.Metric;
        return state.Metrics.TryGetValue(metric, out double value)
            ? string.Create(CultureInfo.InvariantCulture, $": {metric} = {value:G6}")
            : "";
    }
}
