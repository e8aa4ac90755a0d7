using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Host.Experiments.Schema;
using Framework.Options;
using Framework.Host.Experiments.Yaml;
using Framework.Host.Plugins;
using Framework.Training.Options;

namespace Framework.Host.Experiments;

/// <summary>Checks the training section against what the chosen model declares (its optimiser groups and how they
/// update) and against itself (settings that contradict each other), each problem at the file position it comes from;
/// and gives a group that accepts a single algorithm that algorithm where the file names none.</summary>
internal sealed class TrainingServicesValidation(ConfigMapping root, ConfigErrorCollector errors)
{
    private const string Training = "training";

    /// <summary>Checks a bound experiment.</summary>
    /// <param name="model">The bound model section.</param>
    /// <param name="training">The bound training section.</param>
    /// <param name="catalog">The plugins, for the model's declared groups.</param>
    public void Check(PluginSelection model, TrainingSettings training, IPluginCatalog catalog)
    {
        CheckSettings(training);
        if (catalog.FindModel(model.PluginName) is not IModelPlugin plugin)
            return;
        IReadOnlyList<OptimizerGroup> declared;
        try
        {
            declared = plugin.OptimizerGroups(model.Options);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(Locate("model.plugin"), $"model plugin '{plugin.Name}' could not say which optimiser groups it needs: {e.Message}");
            return;
        }

        CheckGroupNames(plugin, declared, training);
        foreach (var group in declared)
            CheckGroup(plugin, group, declared.Count == 1, training);
        if (training.Ema.Decay > 0 && !declared.Any(g => g.Averaged))
            errors.Add(Locate("training.ema.decay"), $"training.ema: model plugin '{plugin.Name}' averages none of its optimiser groups ({Names(declared)}); set decay: 0");
    }

    private void CheckGroupNames(IModelPlugin plugin, IReadOnlyList<OptimizerGroup> declared, TrainingSettings training)
    {
        var groups = (root.Find(Training)?.Value as ConfigMapping)?.Find(OptimizerGroupInheritance.GroupsKey);
        if (groups is null || training.Optimizers.Count == 0)
            return;
        if (declared.Count == 1)
        {
            errors.Add(groups.Key.Location,
                $"training.optimizers: model plugin '{plugin.Name}' has a single optimiser group; configure it in training.optimizer " +
                "(training.optimizers names the groups of models that declare several, such as a GAN's generator and discriminator)");
            return;
        }

        var names = declared.Select(g => g.Name).ToList();
        foreach (var entry in (groups.Value as ConfigMapping)?.Entries ?? [])
        {
            if (names.Contains(entry.Name))
                continue;
            var suggestion = KeySuggestions.Suggest(entry.Name, names);
            errors.Add(entry.Key.Location, $"training.optimizers.{entry.Name}: model plugin '{plugin.Name}' declares no optimiser group '{entry.Name}'; " +
                                           $"declared: {string.Join(", ", names)}" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"));
        }
    }

    private void CheckGroup(IModelPlugin plugin, OptimizerGroup group, bool single, TrainingSettings training)
    {
        var own = !single && training.Optimizers.ContainsKey(group.Name);
        OptimizerOptions options = own ? training.Optimizers[group.Name] : training.Optimizer;
        var path = own ? $"training.optimizers.{group.Name}" : "training.optimizer";
        var described = single ? $"model plugin '{plugin.Name}'" : $"optimiser group '{group.Name}' of model plugin '{plugin.Name}'";
        // A group that accepts one algorithm gets it when the file names none (an RBM's closed-form update is sgd).
        if (group.Algorithms is [var only] && !Written($"{path}.name"))
            options.Name = only;
        if (group.Algorithms is { } algorithms && !algorithms.Contains(options.Name))
        {
            var how = group.Update == OptimizerUpdate.ClosedForm ? $"updates its parameters in closed form by {string.Join(" or ", algorithms)}" : "accepts";
            errors.Add(Locate($"{path}.name"), $"{path}.name: {described} {how}; '{options.Name}' is not allowed; allowed: {string.Join(", ", algorithms)}");
        }

        if (group.Update == OptimizerUpdate.ClosedForm)
        {
            if (options.GradientClip > 0)
                errors.Add(Locate($"{path}.gradient_clip"), $"{path}.gradient_clip: {described} updates its parameters in closed form, without a gradient to clip; remove it");
            if (training.AccumulateBatches > 1)
                errors.Add(Locate("training.accumulate_batches"), $"training.accumulate_batches: {described} updates its parameters in closed form, without gradients to accumulate; remove it");
        }
    }

    private void CheckSettings(TrainingSettings training)
    {
        CheckOptimizer(training.Optimizer, "training.optimizer");
        CheckSchedule(training.Schedule, "training.schedule");
        foreach (var (name, group) in training.Optimizers)
        {
            CheckOptimizer(group, $"training.optimizers.{name}");
            CheckSchedule(group.Schedule, $"training.optimizers.{name}.schedule");
        }

        if (training.EarlyStopping.Metric.Length > 0 && training.EvalEvery == 0)
            errors.Add(Locate("training.early_stopping.metric"),
                "training.early_stopping: the run evaluates only at its end (training.eval_every: 0), so it could never stop early; set eval_every to 1 or more");
    }

    private void CheckOptimizer(OptimizerOptions options, string path)
    {
        if (options.Nesterov && (options.Name != "sgd" || options.Momentum <= 0))
            errors.Add(Locate($"{path}.nesterov"), $"{path}.nesterov: Nesterov momentum needs name: sgd and a momentum above 0");
    }

    private void CheckSchedule(ScheduleOptions schedule, string path)
    {
        if (schedule.WarmupSteps > 0 && schedule.WarmupEpochs > 0)
            errors.Add(Locate($"{path}.warmup_epochs"), $"{path}: set one of warmup_steps and warmup_epochs, not both");
        if (schedule.MomentumWarmup.Steps > 0 && schedule.MomentumWarmup.Epochs > 0)
            errors.Add(Locate($"{path}.momentum_warmup.epochs"), $"{path}.momentum_warmup: set one of steps and epochs, not both");
        if (schedule.Milestones.Zip(schedule.Milestones.Skip(1)).Any(p => p.Second <= p.First))
            errors.Add(Locate($"{path}.milestones"), $"{path}.milestones: epochs must increase, got [{string.Join(", ", schedule.Milestones)}]");
    }

    /// <summary>Whether the file (with its base files and overrides) writes the value at <paramref name="dottedPath"/>.</summary>
    private bool Written(string dottedPath)
    {
        ConfigNode node = root;
        foreach (var key in dottedPath.Split('.'))
        {
            if (node is not ConfigMapping mapping || mapping.Find(key) is not { } entry)
                return false;
            node = entry.Value;
        }

        return true;
    }

    /// <summary>The position of the deepest node of <paramref name="dottedPath"/> present in the file (the whole file when
    /// none is): where a value was written, or the section that leaves it at its default.</summary>
    private SourceLocation Locate(string dottedPath)
    {
        ConfigNode node = root;
        foreach (var key in dottedPath.Split('.'))
        {
            if (node is not ConfigMapping mapping || mapping.Find(key) is not { } entry)
                break;
            node = entry.Value;
        }

        return node.Location;
    }

    private static string Names(IEnumerable<OptimizerGroup> groups) => string.Join(", ", groups.Select(g => g.Name));
}
