using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Plugins.Ising;

/// <summary>Options of the <c>ising2d</c> dataset: the periodic L-by-L Ising model with J = 1 and k_B = 1.</summary>
public sealed class IsingOptions
{
    [Description("Side length L of the periodic lattice.")]
    [Range(2, 512)]
    public int Size { get; set; } = 8;

    [Description("Temperature T in units of J/k_B (the critical temperature of the infinite lattice is 2.269).")]
    [Range(0.05, 100.0)]
    public double Temperature { get; set; } = 2.27;

    [Description("Monte Carlo update: metropolis or wolff.")]
    public IsingUpdate Update { get; set; } = IsingUpdate.Wolff;

    [Description("Sweeps discarded at the start of each chain before the first configuration is recorded.")]
    [Range(0, 10_000_000)]
    public int ThermalizationSweeps { get; set; } = 1000;

    [Description("Sweeps between successive recorded configurations of one chain.")]
    [Range(1, 1_000_000)]
    public int DecorrelationSweeps { get; set; } = 10;

    [Description("Independent Markov chains that the configurations are drawn from.")]
    [Range(1, 10_000)]
    public int Chains { get; set; } = 8;

    [Description("Number of training configurations.")]
    [Range(1, 10_000_000)]
    public int TrainSamples { get; set; } = 10_000;

    [Description("Number of test configurations.")]
    [Range(1, 10_000_000)]
    public int TestSamples { get; set; } = 2_000;
}
