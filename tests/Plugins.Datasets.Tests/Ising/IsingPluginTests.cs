using Autofac;
using Framework.Contracts.Data;
using Framework.Plugins.Datasets.Tests.BarsAndStripes;
using Framework.Plugins.Ising;
using static TorchSharp.torch;

namespace Framework.Plugins.Datasets.Tests.Ising;

public sealed class IsingPluginTests
{
    /// <summary>On a 4x4 lattice the Boltzmann averages can be summed exactly over all 2^16 configurations, so each
    /// update must reproduce them up to Monte Carlo error (20,000 configurations: about 0.3% here).</summary>
    [Theory]
    [InlineData(IsingUpdate.Metropolis, 2.27)]
    [InlineData(IsingUpdate.Wolff, 2.27)]
    [InlineData(IsingUpdate.Wolff, 1.5)]
    [InlineData(IsingUpdate.Metropolis, 3.0)]
    public void BothUpdatesReproduceTheExactBoltzmannAveragesOfASmallLattice(IsingUpdate update, double temperature)
    {
        using var context = new SeededDatasetContext(7);
        var options = new IsingOptions
        {
            Size = 4, Temperature = temperature, Update = update, Chains = 4,
            ThermalizationSweeps = 200, DecorrelationSweeps = 3, TrainSamples = 20_000, TestSamples = 10,
        };
        using var data = new IsingPlugin().Load(options, context);

        var sampled = data.Observables!.Compute(data.TrainX);
        var (energy, magnetisation) = ExactAverages(4, temperature);

        Assert.True(Math.Abs(sampled["energy_per_spin"] / energy - 1) < 0.02, $"energy per spin {sampled["energy_per_spin"]:F4}, exact {energy:F4}");
        Assert.True(Math.Abs(sampled["abs_magnetization"] / magnetisation - 1) < 0.02, $"|m| {sampled["abs_magnetization"]:F4}, exact {magnetisation:F4}");
    }

    [Fact]
    public void EachSplitsSourceIsTheChainsParametersSeedAndSlice()
    {
        using var context = new SeededDatasetContext(7);
        var options = new IsingOptions { Size = 4, Temperature = 2.5, Chains = 2, ThermalizationSweeps = 10, DecorrelationSweeps = 1, TrainSamples = 6, TestSamples = 2 };
        using var data = new IsingPlugin().Load(options, context);

        Assert.Equal("code", data.TrainSource!.Type);
        using var train = System.Text.Json.JsonDocument.Parse(data.TrainSource.Json);
        using var test = System.Text.Json.JsonDocument.Parse(data.TestSource!.Json);
        var tags = train.RootElement.GetProperty("tags");
        Assert.Equal("ising2d", tags.GetProperty("generator").GetString());
        Assert.Equal("2.5", tags.GetProperty("temperature").GetString());
        Assert.Equal("wolff", tags.GetProperty("update").GetString());
        Assert.Equal("7", tags.GetProperty("seed").GetString());
        Assert.Equal(("0", "6"), (tags.GetProperty("first").GetString(), tags.GetProperty("count").GetString()));
        Assert.Equal(("6", "2"), (test.RootElement.GetProperty("tags").GetProperty("first").GetString(), test.RootElement.GetProperty("tags").GetProperty("count").GetString()));
        Assert.Equal("ising2d-L4-T2.5", data.TrainSource.Name);
    }

    [Fact]
    public void TheObservablesOfUniformAndCheckerboardLatticesAreTheTextbookValues()
    {
        var observables = new IsingObservables(4, temperature: 2.0);
        using var scope = NewDisposeScope();
        var up = ones(3, 4, 4);
        var checkerboard = (arange(4).unsqueeze(1) + arange(4).unsqueeze(0)).remainder(2).mul(2).sub(1).to_type(ScalarType.Float32).unsqueeze(0);

        var ordered = observables.Compute(up);
        var antiferro = observables.Compute(checkerboard);

        Assert.Equal(-2.0, ordered["energy_per_spin"], 12);
        Assert.Equal(1.0, ordered["abs_magnetization"], 12);
        Assert.Equal(0.0, ordered["specific_heat"], 12);
        Assert.Equal(0.0, ordered["susceptibility"], 12);
        Assert.Equal(2.0, antiferro["energy_per_spin"], 12);
        Assert.Equal(0.0, antiferro["abs_magnetization"], 12);
        Assert.Equal(1.0, ordered["positive_magnetization_fraction"], 12);
        Assert.Equal(0.5, antiferro["positive_magnetization_fraction"], 12);
    }

    [Fact]
    public void ThePositiveMagnetisationFractionCountsTheOrderedStatesAModelDrew()
    {
        var observables = new IsingObservables(4, temperature: 1.5);
        using var scope = NewDisposeScope();
        // Three lattices all up, one all down: a model that favours one ordered state.
        var lattices = cat([ones(3, 4, 4), ones(1, 4, 4).neg()]);

        var observed = observables.Compute(lattices);

        Assert.Equal(0.75, observed["positive_magnetization_fraction"], 12);
        Assert.Equal(1.0, observed["abs_magnetization"], 12);
    }

    [Fact]
    public void ASecondLoadWithTheSameOptionsAndSeedReadsTheSameConfigurationsFromTheCache()
    {
        using var context = new SeededDatasetContext(3);
        var options = new IsingOptions { Size = 6, Temperature = 2.5, TrainSamples = 50, TestSamples = 20, ThermalizationSweeps = 20 };

        using var first = new IsingPlugin().Load(options, context);
        var cached = Directory.GetFiles(context.CacheDirectory);
        using var second = new IsingPlugin().Load(options, context);
        using var otherSeed = new SeededDatasetContext(4);
        using var third = new IsingPlugin().Load(options, otherSeed);

        Assert.Single(cached);
        Assert.Contains("L6_T2.5_wolff", Path.GetFileName(cached[0]), StringComparison.Ordinal);
        Assert.True(first.TrainX.eq(second.TrainX).all().item<bool>());
        Assert.False(first.TrainX.eq(third.TrainX).all().item<bool>());
        Assert.Equal([50L, 6, 6], first.TrainX.shape);
        Assert.Equal([20L, 6, 6], first.TestX.shape);
        Assert.Equal(SampleLayout.Lattice, first.Layout);
        Assert.True(first.TrainX.abs().eq(1).all().item<bool>());
    }

    [Fact]
    public void TheModuleRegistersTheDatasetUnderItsExperimentName()
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule<IsingModule>();
        using var container = builder.Build();

        Assert.Equal("ising2d", Assert.Single(container.Resolve<IEnumerable<IDatasetPlugin>>()).Name);
    }

    private static (double Energy, double AbsMagnetisation) ExactAverages(int size, double temperature)
    {
        var sites = size * size;
        double z = 0, energySum = 0, magnetisationSum = 0;
        var logWeights = new double[1 << sites];
        for (var state = 0; state < 1 << sites; state++)
        {
            int bonds = 0, total = 0;
            for (var site = 0; site < sites; site++)
            {
                int r = site / size, c = site % size;
                var s = Spin(state, site);
                total += s;
                bonds += s * (Spin(state, r * size + (c + 1) % size) + Spin(state, (r + 1) % size * size + c));
            }
            var weight = Math.Exp(bonds / temperature);
            z += weight;
            energySum += weight * -bonds / sites;
            magnetisationSum += weight * Math.Abs(total) / sites;
        }
        return (energySum / z, magnetisationSum / z);
    }

    private static int Spin(int state, int site) => (state >> site & 1) * 2 - 1;
}
