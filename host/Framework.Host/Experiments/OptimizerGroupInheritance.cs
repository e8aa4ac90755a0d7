using Framework.Host.Experiments.Yaml;

namespace Framework.Host.Experiments;

/// <summary>Fills every <c>training.optimizers.NAME</c> group with what it leaves out, from <c>training.optimizer</c> and
/// <c>training.schedule</c>, before the file is bound.</summary>
/// <remarks>
/// So a GAN file writes the shared settings once and only what differs per group
/// (<c>optimizers: {discriminator: {lr: 4e-4}}</c>), and every bound group holds its complete settings; the resolved
/// configuration spells them out. Inherited values keep their own file positions, so an error in one is reported where
/// it was written.
/// </remarks>
internal static class OptimizerGroupInheritance
{
    public const string OptimizerKey = "optimizer";
    public const string GroupsKey = "optimizers";
    public const string ScheduleKey = "schedule";

    /// <summary>Rewrites the groups of <paramref name="root"/>'s training section in place.</summary>
    /// <param name="root">The merged experiment tree, overrides applied.</param>
    public static void Apply(ConfigMapping root)
    {
        if (root.Find(ExperimentSections.Training.Key)?.Value is not ConfigMapping training
            || training.Find(GroupsKey)?.Value is not ConfigMapping groups)
            return;
        var optimizer = training.Find(OptimizerKey)?.Value as ConfigMapping;
        var schedule = training.Find(ScheduleKey);
        foreach (var entry in groups.Entries)
        {
            if (entry.Value is not (ConfigMapping or ConfigScalar { IsNull: true }))
                continue;  // the binder reports it
            var merged = new ConfigMapping(entry.Value.Location);
            foreach (var inherited in optimizer?.Entries ?? [])
                merged.Add(new ConfigEntry(inherited.Key, inherited.Value.Clone()));
            if (schedule?.Value is ConfigMapping)
                merged.Set(new ConfigEntry(schedule.Key, schedule.Value.Clone()));
            if (entry.Value is ConfigMapping own)
                foreach (var child in own.Entries)
                    ConfigTreeMerger.MergeEntry(merged, child);
            entry.Value = merged;
        }
    }
}
