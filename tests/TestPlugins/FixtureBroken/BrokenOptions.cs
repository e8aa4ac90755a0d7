using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace FixtureBroken;

public sealed class BrokenOptions
{
    [Description("Starting log-odds of every value.")]
    [Range(-10.0, 10.0)]
    public double InitialLogit { get; set; }
}
