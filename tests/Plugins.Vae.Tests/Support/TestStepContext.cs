using Framework.Contracts.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>A step context as the host's trainer fills one in: counters it advances, a seeded generator, an artifact sink.</summary>
internal class TestStepContext : IStepContext
{
    public TestStepContext(Generator generator, IArtifactSink artifacts, long stepsPerEpoch, long totalSteps)
    {
        Generator = generator;
        Artifacts = artifacts;
        StepsPerEpoch = stepsPerEpoch;
        TotalSteps = totalSteps;
    }

    public Device Device => CPU;

    public Generator Generator { get; }

    public long GlobalStep { get; set; }

    public int Epoch { get; set; }

    public long StepsPerEpoch { get; }

    public long TotalSteps { get; }

    public ILogger Logger => NullLogger.Instance;

    public IArtifactSink Artifacts { get; }

    /// <summary>The tags the model set, as the host would record them on the run.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public void SetTag(string key, string value) => Tags[key] = value;
}
