using System.Globalization;
using Framework.Host.Cli;
using Framework.Host.Internal;
using Framework.Host.Tracking;

namespace Framework.Host.Sweeps;

/// <summary>
/// A sweep's place in the tracking store and on disk, as the launcher and <c>sweep status</c> see it: the store, the
/// parent run, the sweep folder and its manifest, and each trial's state.
/// </summary>
/// <remarks>
/// The parent run is written through the store directly rather than through a run tracker: a Slurm submission
/// leaves it RUNNING when the submitting process exits, which a tracker would mark KILLED at exit.
/// </remarks>
internal sealed class SweepSession : IDisposable
{
    private SweepSession(SweepPlan plan, ITrackingStore store, ExperimentInfo experiment, string trackingUri, SweepFolder folder)
    {
        Plan = plan;
        Store = store;
        Experiment = experiment;
        TrackingUri = trackingUri;
        Folder = folder;
        Runs = new SweepRunLookup(store, experiment.ExperimentId, plan.SweepId);
        Parent = Runs.Parent();
    }

    public SweepPlan Plan { get; }

    public ITrackingStore Store { get; }

    public ExperimentInfo Experiment { get; }

    /// <summary>The tracking URI, absolute, as trial processes get it.</summary>
    public string TrackingUri { get; }

    public SweepFolder Folder { get; }

    public SweepRunLookup Runs { get; }

    /// <summary>The parent run, or null before the sweep first started.</summary>
    public RunInfo? Parent { get; private set; }

    /// <summary>The name the parent run gets.</summary>
    public string ParentName => $"{Plan.Base.Name}-sweep-{Plan.SweepId[..8]}";

    /// <summary>
    /// Opens the sweep's store. With <paramref name="mustExist"/>, returns null instead of creating an SQLite file
    /// that is not there (so <c>sweep status</c> of a sweep never started creates nothing).
    /// </summary>
    /// <param name="plan">The sweep.</param>
    /// <param name="factory">Opens stores.</param>
    /// <param name="settings">Where the runs folder is.</param>
    /// <param name="mustExist">Whether to return null rather than create a missing SQLite file.</param>
    /// <param name="target">The store and experiment (from a manifest); null resolves them from the experiment file and environment.</param>
    public static SweepSession? Open(SweepPlan plan, TrackingStoreFactory factory, HostSettings settings, bool mustExist = false, TrackingTarget? target = null)
    {
        target ??= factory.Resolve(plan.Base);
        string uri = target.Uri;
        if (Tracking.TrackingUri.IsSqlite(uri))
        {
            string path = Tracking.TrackingUri.SqlitePath(uri, Directory.GetCurrentDirectory());
            if (mustExist && !File.Exists(path))
                return null;
            // Trial processes may start elsewhere (a Slurm node's working directory): give them the absolute path.
            uri = "sqlite:///" + path;
        }

        var store = factory.OpenStore(uri);
        try
        {
            var experiment = store.GetOrCreateExperiment(target.ExperimentName);
            return new SweepSession(plan, store, experiment, uri, SweepFolder.For(settings.RunsDirectory, plan.Base.Name, plan.SweepId));
        }
        catch (Exception)
        {
            // The session owns the store only once it exists; until then a failure must not leak the connection.
            store.Dispose();
            throw;
        }
    }

    /// <summary>The manifest trial processes read.</summary>
    public SweepManifest Manifest => SweepManifest.Of(Plan, TrackingUri, Experiment.Name);

    /// <summary>Writes the manifest into the sweep folder.</summary>
    public void WriteManifest() => Manifest.Write(Folder.ManifestFile);

    /// <summary>Every trial's state.</summary>
    public IReadOnlyList<TrialState> States(bool withMetrics) => Runs.States(Plan.Trials.Select(t => (t.Index, t.Id)), withMetrics);

    /// <summary>One trial's state.</summary>
    public TrialState State(SweepTrial trial, bool withMetrics) => Runs.State(trial.Index, trial.Id, withMetrics);

    /// <summary>Creates the parent run, or sets the existing one RUNNING again; the sweep spec becomes its params.</summary>
    public RunInfo StartParent(SweepLauncherKind launcher)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SweepTags.Parent] = Plan.SweepId,
            [SweepTags.Launcher] = launcher.ToString().ToLowerInvariant(),
            [SweepTags.Folder] = Folder.Path,
            [SweepTags.TrialCount] = Plan.PlannedTrialCount.ToString(CultureInfo.InvariantCulture),
        };
        if (Parent is { } existing)
        {
            Store.UpdateRun(existing.RunId, RunStatus.Running, null);
            Store.LogBatch(existing.RunId, [], [], [.. tags]);
            return Parent = existing with { Status = RunStatus.Running, EndTimeMs = null };
        }

        var standard = new StandardRunTags
        {
            RunName = ParentName,
            SourceFile = Plan.SourcePath,
            Description = Plan.Base.Description,
            FrameworkVersion = RunTags.FrameworkVersion,
            Extra = Plan.Base.Tracking.Tags,
        }.Build();
        foreach (var (key, value) in tags)
            standard[key] = value;
        var run = Store.CreateRun(new NewRun(Experiment.ExperimentId, ParentName, TrackingClock.NowMs(), standard[MlflowTagKeys.User], standard));
        var prepared = ParameterValues.Prepare(SpecParameters());
        Store.LogBatch(run.RunId, [], prepared.Values, []);
        foreach (var (artifactPath, text) in prepared.LongValueArtifacts)
            LogText(run, artifactPath, text);
        return Parent = run;
    }

    /// <summary>Sets tags on the parent run.</summary>
    public void SetParentTags(IReadOnlyDictionary<string, string> tags) => Store.LogBatch(RequireParent().RunId, [], [], [.. tags]);

    /// <summary>Logs metrics on the parent run at step 0.</summary>
    public void LogParentMetrics(IReadOnlyDictionary<string, double> metrics)
    {
        long now = TrackingClock.NowMs();
        Store.LogBatch(RequireParent().RunId, metrics.Select(m => new MetricPoint(m.Key, m.Value, now, 0)).ToList(), [], []);
    }

    /// <summary>Stores a file among the parent run's artifacts.</summary>
    public void LogParentArtifact(string localPath, string artifactPath) => Store.LogArtifact(RequireParent(), localPath, artifactPath);

    /// <summary>Ends the parent run.</summary>
    public void EndParent(RunStatus status)
    {
        Store.UpdateRun(RequireParent().RunId, status, TrackingClock.NowMs());
        Parent = Parent! with { Status = status };
    }

    public void Dispose() => Store.Dispose();

    private RunInfo RequireParent() => Parent ?? throw new InvalidOperationException("The sweep's parent run has not been started.");

    private Dictionary<string, string> SpecParameters()
    {
        var settings = Plan.Spec.Settings;
        var parameters = Plan.Spec.Parameters.ToDictionary(p => $"sweep.parameters.{p.Key}", p => p.Describe(), StringComparer.Ordinal);
        parameters["sweep.repeats"] = settings.Repeats.ToString(CultureInfo.InvariantCulture);
        parameters["sweep.trials"] = settings.Trials.ToString(CultureInfo.InvariantCulture);
        parameters["sweep.seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture);
        parameters["sweep.trial_count"] = Plan.PlannedTrialCount.ToString(CultureInfo.InvariantCulture);
        parameters["sweep.search"] = Framework.Options.OptionNaming.ToSnakeCase(settings.Search.ToString());
        parameters["sweep.pruner"] = Framework.Options.OptionNaming.ToSnakeCase(settings.Pruner.ToString());
        parameters["sweep.overrides"] = Plan.BaseOverrides.Count == 0 ? "(none)" : string.Join(' ', Plan.BaseOverrides);
        return parameters;
    }

    private void LogText(RunInfo run, string artifactPath, string text)
    {
        string temp = Path.Combine(Path.GetTempPath(), $"fw-param-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(temp, text);
            Store.LogArtifact(run, temp, artifactPath);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
