using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace Framework.Plugins.Ising;

/// <summary>Thermodynamic observables of a set of configurations of the periodic L-by-L Ising model (J = 1):
/// energy per spin ⟨e⟩, absolute magnetisation per spin ⟨|m|⟩, specific heat per spin N(⟨e²⟩ - ⟨e⟩²)/T² and
/// susceptibility per spin N(⟨m²⟩ - ⟨|m|⟩²)/T, and the fraction of configurations with positive magnetisation (a lattice
/// with m = 0 counts one half): below T_c the two ordered states are equally likely, so a model that has forgotten one
/// of them shows a fraction far from 0.5 while its energy and |m| can still look right.</summary>
/// <remarks>Values that are not exactly ±1 (mean-field samples) are used as they are.</remarks>
internal sealed class IsingObservables(int size, double temperature) : IDataObservables
{
    public IReadOnlyDictionary<string, double> Compute(Tensor examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var sites = size * size;
        if (examples.numel() == 0 || examples.numel() % sites != 0)
            throw new ArgumentException($"Expected {size}x{size} lattices, got a tensor of shape [{string.Join(", ", examples.shape)}].", nameof(examples));
        using var scope = NewDisposeScope();
        var spins = examples.detach().to_type(ScalarType.Float64).reshape(-1, size, size);
        // Each bond counted once: right and down neighbours, with periodic wrap-around.
        var bonds = spins * (spins.roll(-1, 2) + spins.roll(-1, 1));
        var energy = -bonds.sum([1, 2]) / sites;
        var signedMagnetisation = spins.sum([1, 2]) / sites;
        var magnetisation = signedMagnetisation.abs();
        var positiveFraction = (signedMagnetisation.sign() + 1).mean().item<double>() / 2;

        var meanEnergy = energy.mean().item<double>();
        var meanMagnetisation = magnetisation.mean().item<double>();
        var energyVariance = energy.square().mean().item<double>() - meanEnergy * meanEnergy;
        var magnetisationVariance = magnetisation.square().mean().item<double>() - meanMagnetisation * meanMagnetisation;
        return new Dictionary<string, double>
        {
            ["energy_per_spin"] = meanEnergy,
            ["abs_magnetization"] = meanMagnetisation,
            ["specific_heat"] = sites * energyVariance / (temperature * temperature),
            ["susceptibility"] = sites * magnetisationVariance / temperature,
            ["positive_magnetization_fraction"] = positiveFraction,
        };
    }
}
