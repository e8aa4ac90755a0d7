namespace Framework.Testing.Conformance;

/// <summary>How the conformance checks exercise a plugin.</summary>
public sealed record ConformanceSettings
{
    /// <summary>The training settings of the runs the checks make (batch size, seed, optimiser). The optimiser has momentum,
    /// so that the state of an update (Adam's moments, a closed-form update's velocity) matters across a resume.</summary>
    public TestRunSettings Run { get; init; } = new() { BatchSize = 8, Optimizer = new Framework.Contracts.Training.OptimizerSettings(Momentum: 0.9) };

    /// <summary>The options to check the plugin with; its defaults when null.</summary>
    public object? Options { get; init; }

    /// <summary>The folder the plugin was loaded from, to check its <c>plugin.json</c>; the manifest check is skipped without it.</summary>
    public string? PluginFolder { get; init; }

    /// <summary>Training steps of the checks that compare runs (finite outputs, metrics switch, resume, seed).</summary>
    public int Steps { get; init; } = 4;

    /// <summary>Training steps over which the live native tensor count must not grow.</summary>
    public int LeakSteps { get; init; } = 100;

    /// <summary>Samples drawn to check their shape and range.</summary>
    public int SampleCount { get; init; } = 8;
}
