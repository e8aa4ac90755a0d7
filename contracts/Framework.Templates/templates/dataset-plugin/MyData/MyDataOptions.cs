using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MyData;

/// <summary>The options of the <c>my-data</c> dataset: the <c>dataset:</c> section of an experiment file.</summary>
public sealed class MyDataOptions
{
    [Description("Binary values per example.")]
    [Range(1, 1_000_000)]
    public int Features { get; set; } = 16;

    [Description("Random prototypes the examples are noisy copies of.")]
    [Range(1, 10_000)]
    public int Prototypes { get; set; } = 4;

    [Description("Probability that a value of an example differs from its prototype's.")]
    [Range(0.0, 0.5)]
    public double FlipProbability { get; set; } = 0.05;

    [Description("Training examples.")]
    [Range(1, 10_000_000)]
    public int TrainCount { get; set; } = 1024;

    [Description("Test examples.")]
    [Range(1, 10_000_000)]
    public int TestCount { get; set; } = 256;
}
