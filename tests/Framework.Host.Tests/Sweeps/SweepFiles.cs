using Framework.Host.Experiments;
using Framework.Host.Sweeps;
using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.Sweeps;

/// <summary>Sweep files over the in-test plugins, loaded and planned by the real loader and planner.</summary>
internal sealed class SweepFiles : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ExperimentLoader _loader = new(TestPluginCatalog.Standard());

    public SweepPlanner Planner => new(_loader);

    public string Write(string yaml, string name = "sweep.yaml") => _folder.Write(name, yaml);

    public ExperimentLoadResult Load(string yaml, params string[] overrides) => _loader.Load(Write(yaml), overrides);

    public SweepSpec Spec(string yaml, params string[] overrides)
    {
        var result = Load(yaml, overrides);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Definition!.Sweep!;
    }

    public SweepPlanResult Plan(string yaml, params string[] overrides) => Planner.Plan(Write(yaml), overrides);

    public SweepPlan ValidPlan(string yaml, params string[] overrides)
    {
        var result = Plan(yaml, overrides);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Plan!;
    }

    /// <summary>An rbm on bars-and-stripes with seed 5 and the given sweep section (indented by two spaces per level).</summary>
    public static string WithSweep(string sweep) => $"""
        model:
          plugin: rbm
        dataset:
          plugin: bars-and-stripes
        training:
          seed: 5
        sweep:
        {sweep}
        """;

    public void Dispose() => _folder.Dispose();
}
