using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MyModel;

/// <summary>The options of the <c>my-model</c> model: the <c>model:</c> section of an experiment file (snake_case keys).
/// The optimiser, its schedule and the rest of training are the host's (<c>training:</c>).</summary>
public sealed class MyModelOptions
{
    [Description("Mixture components K.")]
    [Range(1, 100_000)]
    public int Components { get; set; } = 32;

    [Description("Standard deviation of the initial component log-odds; it breaks the components' symmetry.")]
    [Range(0.0, 10.0)]
    public double InitialSpread { get; set; } = 0.5;
}
