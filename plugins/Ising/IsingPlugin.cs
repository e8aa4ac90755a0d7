using System.Diagnostics;
using System.Globalization;
using Framework.Contracts.Data;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Plugins.Ising;

/// <summary>The <c>ising2d</c> dataset: Monte Carlo configurations of the periodic 2-D Ising model at one temperature,
/// as L-by-L lattices of spins ±1, with their thermodynamic observables (Torlai and Melko 2016).</summary>
public sealed class IsingPlugin : DatasetPlugin<IsingOptions>
{
    /// <inheritdoc />
    public override string Name => "ising2d";

    /// <inheritdoc />
    public override string Description => "Configurations of the periodic 2-D Ising model (J = 1) by Metropolis or Wolff Monte Carlo, with energy, magnetisation, specific heat and susceptibility.";

    /// <inheritdoc />
    protected override Dataset Load(IsingOptions options, IDatasetContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sites = options.Size * options.Size;
        var total = options.TrainSamples + options.TestSamples;
        var cachePath = Path.Combine(context.CacheDirectory, IsingCache.FileName(options, context.Seed));
        var spins = IsingCache.TryRead(cachePath, total * sites);
        if (spins is null)
        {
            var watch = Stopwatch.StartNew();
            spins = IsingSampler.Sample(options, context.Seed, total);
            IsingCache.Write(cachePath, spins);
            context.Logger.LogInformation("Generated {Count} Ising configurations (L = {Size}, T = {Temperature}) in {Seconds:F1} s; cached in {CachePath}",
                total, options.Size, options.Temperature, watch.Elapsed.TotalSeconds, cachePath);
        }

        var values = Array.ConvertAll(spins, s => (float)s);
        var all = tensor(values, [total, options.Size, options.Size]);
        var train = all.narrow(0, 0, options.TrainSamples).clone();
        var test = all.narrow(0, options.TrainSamples, options.TestSamples).clone();
        all.Dispose();
        return new Dataset(train, test, ValueRange.Spin)
        {
            IsBinary = true,
            Layout = SampleLayout.Lattice,
            Observables = new IsingObservables(options.Size, options.Temperature),
            Metadata = new Dictionary<string, string>
            {
                ["size"] = options.Size.ToString(CultureInfo.InvariantCulture),
                ["temperature"] = options.Temperature.ToString("R", CultureInfo.InvariantCulture),
                ["update"] = options.Update.ToString().ToLowerInvariant(),
                ["cache_file"] = Path.GetFileName(cachePath),
            },
            TrainSource = Source(options, context.Seed, "train", 0, options.TrainSamples),
            TestSource = Source(options, context.Seed, "test", options.TrainSamples, options.TestSamples),
        };
    }

    /// <summary>What determines one split's lattices: the chain's parameters, the seed and which slice of the chain it is.</summary>
    private static DataSource Source(IsingOptions options, long seed, string split, int first, int count)
    {
        string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
        return DataSource.Code(new Dictionary<string, string>
        {
            ["generator"] = "ising2d",
            ["size"] = Text(options.Size),
            ["temperature"] = options.Temperature.ToString("R", CultureInfo.InvariantCulture),
            ["update"] = options.Update.ToString().ToLowerInvariant(),
            ["thermalization_sweeps"] = Text(options.ThermalizationSweeps),
            ["decorrelation_sweeps"] = Text(options.DecorrelationSweeps),
            ["chains"] = Text(options.Chains),
            ["seed"] = Text(seed),
            ["split"] = split,
            ["first"] = Text(first),
            ["count"] = Text(count),
        }) with { Name = FormattableString.Invariant($"ising2d-L{options.Size}-T{options.Temperature:0.######}") };
    }
}
