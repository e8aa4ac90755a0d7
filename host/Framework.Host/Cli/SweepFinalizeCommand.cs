using Framework.Host.Internal;
using Framework.Host.Sweeps;
using Framework.Host.Sweeps.Search;
using Framework.Host.Sweeps.Slurm;
using Framework.Host.Sweeps.Summary;
using Framework.Host.Tracking;

namespace Framework.Host.Cli;

/// <summary>
/// <c>sweep finalize MANIFEST</c> (hidden): writes the summary onto the parent run and ends it; the Slurm launcher
/// queues it to run when the sweep's arrays end, so no process has to wait for them. For a search with trials still
/// to propose it submits the next wave (and its own successor) instead.
/// </summary>
internal sealed class SweepFinalizeCommand(SweepPlanner planner, TrackingStoreFactory trackingFactory, HostSettings settings, SlurmLauncher slurmLauncher)
{
    public int Execute(string manifestPath, TextWriter output, TextWriter error)
    {
        SweepManifest manifest;
        try
        {
            manifest = SweepManifest.Read(manifestPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"{manifestPath}: error: {e.Message}");
            return ExitCodes.Usage;
        }

        var planned = planner.Plan(manifest.SourcePath, manifest.Overrides);
        if (!planned.IsValid)
            return ExperimentErrorPrinter.Print(error, planned.Errors);
        var plan = planned.Plan!;
        if (plan.SweepId != manifest.SweepId)
        {
            error.WriteLine($"{manifest.SourcePath}: error: the file changed since sweep {manifest.SweepId} started (it now gives sweep {plan.SweepId}); " +
                            "restore it to summarise this sweep.");
            return ExitCodes.Usage;
        }

        var target = new TrackingTarget(manifest.TrackingUri, "the sweep manifest", manifest.TrackingExperiment, "the sweep manifest");
        using var session = SweepSession.Open(plan, trackingFactory, settings, target: target)!;
        if (session.Parent is null)
        {
            error.WriteLine($"error: sweep {plan.SweepId} has no parent run in {session.Store.Location}.");
            return ExitCodes.Usage;
        }

        var (proposer, problems) = SearchProposer.Resume(session, planner);
        if (problems.Count > 0)
            return ExperimentErrorPrinter.Print(error, problems);
        if (proposer?.HasMore == true)
        {
            try
            {
                var wave = slurmLauncher.Submit(session, plan.Spec.Settings.Parallel, proposer, retryFailed: false);
                output.WriteLine($"Submitted the next wave of sweep {plan.SweepId}: trials {string.Join(", ", wave.Arrays.SelectMany(a => a.Indices))} " +
                                 $"as job(s) {string.Join(", ", wave.Arrays.Select(a => a.JobId))}; job {wave.FinalizeJob} continues when they end.");
                return ExitCodes.Success;
            }
            catch (SlurmException e)
            {
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.RunFailed;
            }
        }

        var summary = SweepFinalizer.Finalize(session);
        SummaryPrinter.Print(output, summary);
        return summary.AllFinished ? ExitCodes.Success : ExitCodes.RunFailed;
    }
}
