using Framework.Host.Experiments;
using Framework.Host.Sweeps;
using Framework.Options;

namespace Framework.Host.Cli;

/// <summary><c>validate FILE</c>: everything <c>run</c> (or <c>sweep run</c>, for every trial of a sweep) checks before it starts, and nothing else.</summary>
internal sealed class ValidateCommand(IExperimentLoader loader, SweepPlanner planner)
{
    public int Execute(string file, IReadOnlyList<string> overrides, TextWriter output, TextWriter error)
    {
        var result = loader.Load(file, overrides);
        if (!result.IsValid)
            return ExperimentErrorPrinter.Print(error, result.Errors);
        var experiment = result.Definition!;
        output.WriteLine($"{file}: valid. Experiment '{experiment.Name}': model {experiment.Model.PluginName}, dataset " +
                         $"{experiment.Dataset.PluginName}, {experiment.Training.Epochs} epochs, batch {experiment.Training.BatchSize}, " +
                         $"device {experiment.Training.Device}.");
        if (experiment.Sweep is null)
            return ExitCodes.Success;

        var sweep = planner.Plan(file, overrides);
        if (!sweep.IsValid)
            return ExperimentErrorPrinter.Print(error, sweep.Errors);
        var plan = sweep.Plan!;
        if (plan.Spec.IsSearch)
        {
            output.WriteLine($"Sweep {plan.SweepId}: a {OptionNaming.ToSnakeCase(plan.Spec.Settings.Search.ToString())} search of {plan.PlannedTrialCount} trials; " +
                             $"every parameter's values and range ends are valid (the trials are proposed as it runs); run it with 'run {file}'.");
            return ExitCodes.Success;
        }

        output.WriteLine($"Sweep {plan.SweepId}: {plan.Trials.Count} trials ({plan.Trials.Select(t => t.ConfigurationId).Distinct().Count()} configurations " +
                         $"x {plan.Spec.Settings.Repeats} seeds), every one valid; run it with 'run {file}'.");
        return ExitCodes.Success;
    }
}
