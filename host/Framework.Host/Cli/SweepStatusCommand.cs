using Framework.Host.Internal;
using Framework.Host.Sweeps;
using Framework.Host.Sweeps.Search;
using Framework.Host.Sweeps.Slurm;
using Framework.Host.Sweeps.Summary;
using Framework.Host.Tracking;

namespace Framework.Host.Cli;

/// <summary>
/// <c>sweep status FILE</c>: every trial's state from MLflow, merged with Slurm's view of its array task when the
/// sweep runs on Slurm, the per-configuration means, the best trial and the failures. Writes nothing.
/// </summary>
internal sealed class SweepStatusCommand(SweepPlanner planner, TrackingStoreFactory trackingFactory, HostSettings settings, SlurmClient slurm)
{
    public int Execute(string file, IReadOnlyList<string> overrides, TextWriter output, TextWriter error)
    {
        var planned = planner.Plan(file, overrides);
        if (!planned.IsValid)
            return ExperimentErrorPrinter.Print(error, planned.Errors);
        var plan = planned.Plan!;
        using var session = SweepSession.Open(plan, trackingFactory, settings, mustExist: true);
        if (session?.Parent is not { } parent)
        {
            output.WriteLine($"Sweep {plan.SweepId} of {plan.Base.Name} ({plan.PlannedTrialCount} trials) has not been started; start it with 'sweep run {file}'.");
            return ExitCodes.Success;
        }

        // A search's trials are the proposals recorded on its parent run so far.
        if (SearchProposer.Resume(session, planner).Errors is { Count: > 0 } problems)
            return ExperimentErrorPrinter.Print(error, problems);

        var summary = SweepSummary.Compute(plan, session.States(withMetrics: true));
        IReadOnlyDictionary<int, string>? slurmView = null;
        if (File.Exists(session.Folder.SubmissionsFile))
        {
            try
            {
                slurmView = SlurmSubmissionLog.TaskStates(session.Folder, slurm).ToDictionary(p => p.Key, p => p.Value.Describe());
            }
            catch (SlurmException e)
            {
                error.WriteLine($"warning: Slurm's view is missing: {e.Message}");
                slurmView = new Dictionary<int, string>();
            }
        }

        output.WriteLine($"Sweep {plan.SweepId} of {plan.Base.Name}: parent run {parent.RunId} {parent.Status.ToString().ToUpperInvariant()}, {plan.Trials.Count} of {plan.PlannedTrialCount} trials");
        SummaryPrinter.Print(output, summary, slurmView);
        output.WriteLine($"  folder: {session.Folder.Path}");
        return ExitCodes.Success;
    }
}
