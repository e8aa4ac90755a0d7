using Framework.Host.Experiments;

namespace Framework.Host.Cli;

/// <summary><c>validate FILE</c>: everything <c>run</c> checks before it starts, and nothing else.</summary>
internal sealed class ValidateCommand(IExperimentLoader loader)
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
        return ExitCodes.Success;
    }
}
