using Framework.Plugins.Rbm.Machines;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Evaluation;

/// <summary>Computes log Z exactly by summing over every state of the smaller layer (the other layer is summed or
/// integrated out in closed form), in float64 and in chunks that keep memory bounded.</summary>
internal static class ExactPartitionFunction
{
    /// <summary>Roughly how many float64 values one chunk may hold (32 MiB).</summary>
    private const long ChunkValues = 1L << 22;

    /// <summary>The number of units that would be enumerated: the smaller layer, or the hidden layer when the visible
    /// units cannot be enumerated.</summary>
    public static int EnumeratedUnits(RestrictedBoltzmannMachine machine) =>
        machine.CanEnumerateVisible ? Math.Min(machine.VisibleCount, machine.HiddenCount) : machine.HiddenCount;

    /// <summary>Whether enumeration needs at most <paramref name="maxStates"/> states.</summary>
    public static bool IsFeasible(RestrictedBoltzmannMachine machine, long maxStates)
    {
        var units = EnumeratedUnits(machine);
        return units < 62 && 1L << units <= maxStates;
    }

    public static double LogZ(RestrictedBoltzmannMachine machine)
    {
        var units = EnumeratedUnits(machine);
        if (units >= 62)
            throw new InvalidOperationException($"Cannot enumerate 2^{units} states.");
        var overVisible = machine.CanEnumerateVisible && machine.VisibleCount < machine.HiddenCount;
        var otherLayer = overVisible ? machine.HiddenCount : machine.VisibleCount;
        var states = 1L << units;
        var chunk = Math.Clamp(ChunkValues / Math.Max(otherLayer, units), 1, states);

        using var noGrad = no_grad();
        var device = machine.Weights.device;
        using var bits = pow(2, arange(units, dtype: ScalarType.Int64, device: device));
        var partials = new List<double>();
        for (var start = 0L; start < states; start += chunk)
        {
            using var scope = NewDisposeScope();
            var ids = arange(start, Math.Min(start + chunk, states), dtype: ScalarType.Int64, device: device).unsqueeze(1);
            var configurations = ids.bitwise_and(bits).ne(0).to_type(ScalarType.Float64);
            var logTerms = overVisible ? machine.LogMarginalOfVisible(configurations) : machine.LogMarginalOfHidden(configurations);
            partials.Add(logTerms.logsumexp(0).item<double>());
        }
        var max = partials.Max();
        return max + Math.Log(partials.Sum(p => Math.Exp(p - max)));
    }
}
