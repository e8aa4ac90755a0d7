using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Host.Tests.Support;

/// <summary>Options that use every supported type and attribute, shaped like an RBM's.</summary>
internal sealed class TestRbmOptions
{
    [Description("Number of hidden units.")]
    [Range(1, 100_000)]
    public int Hidden { get; set; } = 64;

    [Description("Gibbs steps per update (CD-k).")]
    [Range(1, 1000)]
    public int CdK { get; set; } = 1;

    [Description("Keep persistent chains (PCD).")]
    public bool Persistent { get; set; }

    [Description("How the negative phase samples.")]
    public TestSamplerKind Sampler { get; set; } = TestSamplerKind.Gibbs;

    [Description("Initial weight scale.")]
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public float WeightScale { get; set; } = 0.01f;

    [Description("Fraction of the learning rate kept each epoch.")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Decay { get; set; } = 0.5;

    [Description("Number of persistent chains.")]
    [Range(1, 1_000_000_000_000L)]
    public long Chains { get; set; } = 100;

    [Description("How visible biases start.")]
    [AllowedValues("zeros", "log_odds")]
    public string VisibleBiasInit { get; set; } = "log_odds";

    [Description("A short label.")]
    [RegularExpression("^[a-z][a-z0-9-]*$")]
    public string Label { get; set; } = "rbm";

    [Description("Sampling speed.")]
    [RegularExpression("^(fast|slow)$", ErrorMessage = "use fast or slow")]
    public string Mode { get; set; } = "fast";

    [Description("Hidden layer sizes of a deep belief net.")]
    [Range(1, 4096)]
    public int[] Layers { get; set; } = [64, 32];

    [Description("Parallel-tempering temperatures.")]
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public double[] Temperatures { get; set; } = [1.0];

    [Description("Dropout per layer.")]
    public float[] Dropout { get; set; } = [0.1f];

    [Description("Extra seeds.")]
    public long[] Seeds { get; set; } = [];

    [Description("Observables to log.")]
    [AllowedValues("energy", "magnetization")]
    public string[] Observables { get; set; } = ["energy"];

    [Description("Momentum schedule.")]
    public TestMomentumSchedule Momentum { get; set; } = new() { Final = 0.9 };

    [Description("Free-form notes.")]
    public Dictionary<string, string> Notes { get; set; } = new();
}
