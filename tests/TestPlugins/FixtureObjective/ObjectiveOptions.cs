using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace FixtureObjective;

/// <summary>The function and its arguments (the search's parameters); unused arguments are ignored.</summary>
public sealed class ObjectiveOptions
{
    [Description("branin (x1, x2), hartmann6 (x0..x5), mixed (lr, width, act) or curves (mixed as a 27-epoch learning curve).")]
    [AllowedValues("branin", "hartmann6", "mixed", "curves")]
    public string Function { get; set; } = "branin";

    [Description("branin's first argument.")] [Range(-5.0, 10.0)] public double X1 { get; set; }
    [Description("branin's second argument.")] [Range(0.0, 15.0)] public double X2 { get; set; }
    [Description("hartmann6's arguments.")] [Range(0.0, 1.0)] public double H0 { get; set; }
    [Description("hartmann6's arguments.")] [Range(0.0, 1.0)] public double H1 { get; set; }
    [Description("hartmann6's arguments.")] [Range(0.0, 1.0)] public double H2 { get; set; }
    [Description("hartmann6's arguments.")] [Range(0.0, 1.0)] public double H3 { get; set; }
    [Description("hartmann6's arguments.")] [Range(0.0, 1.0)] public double H4 { get; set; }
    [Description("hartmann6's arguments.")] [Range(0.0, 1.0)] public double H5 { get; set; }

    [Description("Learning rate of the 'mixed' objective.")]
    [Range(1e-5, 1.0)]
    public double Lr { get; set; } = 0.01;

    [Description("Width of the 'mixed' objective.")]
    [Range(8, 512)]
    public int Width { get; set; } = 128;

    [Description("Activation of the 'mixed' objective.")]
    [AllowedValues("relu", "tanh", "sigmoid")]
    public string Act { get; set; } = "relu";
}
