using Framework.Host.Experiments;
using Framework.Host.Internal;
using Framework.Host.Sweeps;
using Framework.Host.Sweeps.Local;
using Framework.Host.Sweeps.Search;
using Framework.Options;
using Framework.Host.Sweeps.Slurm;
using Framework.Host.Sweeps.Summary;
using Framework.Host.Tracking;
using Framework.Host.Training;

namespace Framework.Host.Cli;

/// <summary>
/// <c>sweep run FILE</c> and <c>sweep resume FILE</c>: validate every trial, then run the unfinished ones here
/// (local launcher, waits and prints the summary) or submit them to Slurm (returns once queued). Running the same
/// file again skips FINISHED trials and continues interrupted ones inside their MLflow runs.
/// </summary>
internal sealed class SweepRunCommand(
    SweepPlanner planner,
    TrackingStoreFactory trackingFactory,
    HostSettings settings,
    LocalLauncher localLauncher,
    SlurmLauncher slurmLauncher)
{
    public int Execute(string file, IReadOnlyList<string> overrides, int parallel, string? launcher, bool resume,
        TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var planned = planner.Plan(file, overrides);
        if (!planned.IsValid)
            return ExperimentErrorPrinter.Print(error, planned.Errors);
        var plan = planned.Plan!;
        // Nothing is created before every check has passed: resume only opens a store that exists.
        using var existing = resume ? SweepSession.Open(plan, trackingFactory, settings, mustExist: true) : null;
        if (resume && existing?.Parent is null)
        {
            error.WriteLine($"{file}: error: sweep {plan.SweepId} has not been started (no parent run in the tracking store); start it with " +
                            $"'sweep run {file}' (the same file and --set values give the same sweep).");
            return ExitCodes.Usage;
        }

        // resume continues where the sweep ran (the parent run records it) unless told otherwise; run follows the file.
        var kind = launcher is not null ? Enum.Parse<SweepLauncherKind>(launcher, ignoreCase: true)
            : existing?.Store.GetRunData(existing.Parent!.RunId).Tags.TryGetValue(SweepTags.Launcher, out var recorded) == true
                && Enum.TryParse<SweepLauncherKind>(recorded, ignoreCase: true, out var previous) ? previous
            : plan.Spec.Settings.Launcher;
        if (kind == SweepLauncherKind.Local && DeviceProblems(plan) is { Count: > 0 } problems)
            return ExperimentErrorPrinter.Print(error, problems);

        using var opened = existing is null ? SweepSession.Open(plan, trackingFactory, settings) : null;
        var session = existing ?? opened!;

        string how = plan.Spec.IsSearch
            ? $"{plan.PlannedTrialCount} trials ({OptionNaming.ToSnakeCase(plan.Spec.Settings.Search.ToString())} search, {Pruning.Describe(plan.Spec.Settings)})"
            : $"{plan.Trials.Count} trials";
        output.WriteLine($"Sweep {plan.SweepId} of {plan.Base.Name}: {how}, {kind.ToString().ToLowerInvariant()} launcher; folder {session.Folder.Path}");
        return kind == SweepLauncherKind.Slurm
            ? Submit(session, parallel, output, error, resume)
            : RunLocally(session, parallel, output, error, cancellation);
    }

    private int RunLocally(SweepSession session, int parallel, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        session.StartParent(SweepLauncherKind.Local);
        var (proposer, problems) = SearchProposer.Resume(session, planner);
        if (problems.Count > 0)
            return ExperimentErrorPrinter.Print(error, problems);

        session.WriteManifest();
        var result = localLauncher.RunAsync(session, parallel, cancellation, proposer).GetAwaiter().GetResult();
        var summary = SweepFinalizer.Finalize(session);
        output.WriteLine();
        SummaryPrinter.Print(output, summary);
        PrintWhere(output, session);
        if (summary.AllFinished)
            return ExitCodes.Success;
        if (result.Interrupted)
        {
            output.WriteLine($"Interrupted: run 'sweep run {session.Plan.SourcePath}' again to finish; finished trials are skipped, stopped ones resume from their checkpoints.");
            return ExitCodes.Interrupted;
        }

        return ExitCodes.RunFailed;
    }

    private int Submit(SweepSession session, int parallel, TextWriter output, TextWriter error, bool resume)
    {
        // A search records its proposals on the parent run, so the parent must exist before the first one is made.
        if (session.Plan.Spec.IsSearch && session.Parent is null)
            session.StartParent(SweepLauncherKind.Slurm);
        var (proposer, problems) = SearchProposer.Resume(session, planner);
        if (problems.Count > 0)
            return ExperimentErrorPrinter.Print(error, problems);

        SlurmSubmitResult submitted;
        try
        {
            submitted = slurmLauncher.Submit(session, parallel, proposer);
        }
        catch (SlurmException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.RunFailed;
        }

        if (submitted.Arrays.Count == 0)
        {
            output.WriteLine("Every trial has FINISHED; nothing to submit.");
            var summary = SweepFinalizer.Finalize(session);
            SummaryPrinter.Print(output, summary);
            PrintWhere(output, session);
            return ExitCodes.Success;
        }

        int trials = submitted.Arrays.Sum(a => a.Indices.Count);
        output.WriteLine($"Submitted {trials} trial(s) as Slurm array job(s) {string.Join(", ", submitted.Arrays.Select(a => a.JobId))}; " +
                         $"summary job {submitted.FinalizeJob} runs when they end.");
        output.WriteLine($"  script:  {submitted.Script}");
        output.WriteLine($"  output:  {session.Folder.SlurmDirectory}/<job>_<task>.out");
        output.WriteLine($"  watch:   sweep status {session.Plan.SourcePath}");
        output.WriteLine($"  resume:  sweep resume {session.Plan.SourcePath}   (submits only the trials that have not FINISHED)");
        PrintWhere(output, session);
        return ExitCodes.Success;
    }

    private static void PrintWhere(TextWriter output, SweepSession session)
    {
        output.WriteLine($"  parent run: {session.Parent?.RunId} in {session.Store.Location} (experiment '{session.Experiment.Name}')");
        output.WriteLine($"  summary:    {session.Folder.SummaryDirectory} (also artifacts of the parent run)");
        if (session.Store.Location.StartsWith("sqlite:", StringComparison.Ordinal))
            output.WriteLine($"  view with:  mlflow ui --backend-store-uri {session.Store.Location}");
    }

    /// <summary>A CUDA device asked for and absent is an error before anything starts, never a fallback.</summary>
    private static List<ConfigError> DeviceProblems(SweepPlan plan)
    {
        var problems = new List<ConfigError>();
        foreach (var group in plan.Trials.GroupBy(t => t.Definition.Training.Device))
        {
            try
            {
                DeviceResolver.Resolve(group.Key);
            }
            catch (DeviceUnavailableException e)
            {
                problems.Add(new ConfigError(plan.SourcePath, 1, 1, $"{e.Message} (trials {string.Join(", ", group.Select(t => t.Index))})"));
            }
        }

        return problems;
    }
}
