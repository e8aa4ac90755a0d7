using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Plugins.BarsAndStripes;

/// <summary>Options of the <c>bars-and-stripes</c> dataset.</summary>
public sealed class BarsAndStripesOptions
{
    [Description("Side length n of the n-by-n images; the support has 2^(n+1) - 2 patterns.")]
    [Range(2, 12)]
    public int Size { get; set; } = 4;

    [Description("How many times each pattern appears in the training split (the test split holds each pattern once).")]
    [Range(1, 100_000)]
    public int Repeats { get; set; } = 32;
}
