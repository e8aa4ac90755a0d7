using Framework.Host.Experiments;
using Framework.Host.Experiments.Yaml;
using Framework.Host.Sweeps.Search;

namespace Framework.Host.Sweeps;

/// <summary>
/// Expands a sweep file into trials and validates every one of them through the experiment loader before anything
/// starts (Hydra's "validate the whole batch"), so a bad value in the last trial is found before the first one runs.
/// </summary>
/// <remarks>
/// A trial's values reach the loader as <c>--set</c> overrides; an error about one of them is moved back to the
/// value in the sweep section that produced it and names the trials it affects. Each distinct problem is reported
/// once, however many trials share it.
/// </remarks>
/// <param name="loader">Loads and validates experiment files.</param>
internal sealed class SweepPlanner(IExperimentLoader loader)
{
    /// <summary>The most distinct trial errors listed; a sweep with more has one problem many times over.</summary>
    private const int MaxTrialErrors = 50;

    /// <summary>Plans the sweep in <paramref name="file"/>.</summary>
    /// <param name="file">The experiment file with a <c>sweep</c> section.</param>
    /// <param name="overrides">Command-line <c>--set</c> overrides, applied under every trial's own values.</param>
    /// <returns>The plan, or every error.</returns>
    public SweepPlanResult Plan(string file, IReadOnlyList<string> overrides)
    {
        var loaded = loader.Load(file, overrides);
        if (!loaded.IsValid)
            return new SweepPlanResult(null, loaded.Errors);
        var baseDefinition = loaded.Definition!;
        if (baseDefinition.Sweep is not { } spec)
            return new SweepPlanResult(null, [new ConfigError(file, 1, 1,
                "this file has no 'sweep' section; run it once with 'run', or add sweep: {parameters: {model.hidden: [64, 128]}}")]);

        // A search's trials are proposed as it runs; what can be checked before is every value a parameter can take.
        var expanded = spec.IsSearch ? SearchCorners.Of(spec) : SweepExpander.Expand(spec, baseDefinition.Training.Seed);
        var trials = new List<SweepTrial>(expanded.Count);
        var problems = new Dictionary<ConfigError, List<ExpandedTrial>>();
        foreach (var trial in expanded)
        {
            var (resolved, trialErrors) = Resolve(file, overrides, trial);
            foreach (var located in trialErrors)
            {
                if (!problems.TryGetValue(located, out var affected))
                    problems[located] = affected = [];
                affected.Add(trial);
            }

            if (resolved is not null)
                trials.Add(resolved);
        }

        var errors = problems.Take(MaxTrialErrors).Select(p => Describe(p.Key, p.Value, spec.IsSearch)).ToList();
        if (problems.Count > MaxTrialErrors)
            errors.Add(new ConfigError(file, spec.Location.Line, spec.Location.Column, $"... and {problems.Count - MaxTrialErrors} more problems in other trials"));
        if (errors.Count == 0 && !spec.IsSearch)
            errors.AddRange(Duplicates(trials, spec.Location));
        if (errors.Count > 0)
            return new SweepPlanResult(null, errors);

        return new SweepPlanResult(spec.IsSearch
                ? new SweepPlan(baseDefinition.SourcePath, overrides.ToArray(), baseDefinition, [], SweepIds.Search(baseDefinition))
                : new SweepPlan(baseDefinition.SourcePath, overrides.ToArray(), baseDefinition, trials, SweepIds.Sweep(baseDefinition.Name, trials.Select(t => t.Id))),
            []);
    }

    /// <summary>Resolves one trial through the experiment loader: the trial, or its errors moved to the sweep values they came from.</summary>
    /// <param name="file">The experiment file.</param>
    /// <param name="overrides">The command-line overrides, under the trial's own.</param>
    /// <param name="trial">The trial's values.</param>
    public (SweepTrial? Trial, IReadOnlyList<ConfigError> Errors) Resolve(string file, IReadOnlyList<string> overrides, ExpandedTrial trial)
    {
        var result = loader.Load(file, [.. overrides, .. trial.Overrides.Select(o => o.Argument)]);
        if (!result.IsValid)
            return (null, result.Errors.Select(e => Locate(e, trial, overrides.Count)).ToList());
        var definition = result.Definition!;
        return (new SweepTrial(trial.Index, SweepIds.Trial(definition), SweepIds.Configuration(definition), trial.Repeat, trial.Overrides, definition), []);
    }

    /// <summary>Moves an error about a trial's own override to the sweep value it came from.</summary>
    private static ConfigError Locate(ConfigError error, ExpandedTrial trial, int commandLineOverrides)
    {
        int index = error.Line - commandLineOverrides - 1;
        if (error.File != ConfigSource.Overrides.Name || index < 0 || index >= trial.Overrides.Count)
            return error;
        var location = trial.Overrides[index].Location;
        return new ConfigError(location.Source.Name, location.Line, location.Column, error.Message);
    }

    private static ConfigError Describe(ConfigError error, List<ExpandedTrial> trials, bool search)
    {
        var first = trials[0];
        if (search)
            return error with { Message = $"{error.Message} (with {string.Join(' ', first.Overrides.Select(o => o.Argument))}, a value the search may propose)" };
        string which = trials.Count == 1 ? $"trial {first.Index}" : $"trials {string.Join(", ", trials.Take(5).Select(t => t.Index))}{(trials.Count > 5 ? ", ..." : "")}";
        return error with { Message = $"{error.Message} (in {which}: {string.Join(' ', first.Overrides.Select(o => o.Argument))})" };
    }

    private static IEnumerable<ConfigError> Duplicates(IReadOnlyList<SweepTrial> trials, SourceLocation location) =>
        trials.GroupBy(t => t.Id).Where(g => g.Count() > 1).Select(g => location.Error(
            $"sweep: trials {string.Join(", ", g.Select(t => t.Index))} resolve to the same configuration ({g.First().Describe()}); " +
            "remove the repeated value (a trial's id is the hash of its resolved values, so two equal trials would be one)"));
}
