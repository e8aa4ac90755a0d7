using Framework.Plugins.Rbm.Machines;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Sampling;

/// <summary>Runs Gibbs sweeps with one dispose scope per sweep, so long chains hold only their current state.</summary>
internal static class GibbsChain
{
    /// <summary>Returns the state after <paramref name="sweeps"/> sweeps from <paramref name="start"/> (which is
    /// neither modified nor disposed; with zero sweeps it is returned as an alias).</summary>
    public static Tensor Run(RestrictedBoltzmannMachine machine, Tensor start, int sweeps, Generator generator)
    {
        var current = start.alias();
        for (var i = 0; i < sweeps; i++)
        {
            using var scope = NewDisposeScope();
            var next = machine.GibbsSweep(current, generator).MoveToOuterDisposeScope();
            current.Dispose();
            current = next;
        }
        return current;
    }
}
