using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Host.Tests.Support;

/// <summary>Options shaped like the Ising dataset's.</summary>
internal sealed class TestIsingOptions
{
    [Description("Lattice side.")]
    [Range(2, 256)]
    public int L { get; set; } = 16;

    [Description("Temperature in units of J/k_B.")]
    [Range(0.0, 100.0, MinimumIsExclusive = true)]
    public double Temperature { get; set; } = 2.269;
}
