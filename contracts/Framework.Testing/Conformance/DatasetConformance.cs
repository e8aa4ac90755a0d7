using System.Globalization;
using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace Framework.Testing.Conformance;

/// <summary>The obligations of a dataset plugin, checked by loading it as the host would.</summary>
public static class DatasetConformance
{
    /// <summary>Checks <paramref name="plugin"/> with its default options (or <see cref="ConformanceSettings.Options"/>).</summary>
    /// <param name="plugin">The dataset plugin.</param>
    /// <param name="settings">How to exercise it; defaults when null.</param>
    /// <returns>One result per check.</returns>
    public static ConformanceReport Check(IDatasetPlugin plugin, ConformanceSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        settings ??= new ConformanceSettings();
        var (results, options) = PluginChecks.Begin(plugin, settings, "dataset");
        if (options is null)
            return new ConformanceReport(plugin.Name, "dataset", results);

        var cache = Directory.CreateTempSubdirectory("framework-conformance-").FullName;
        try
        {
            var seed = settings.Run.Seed;
            results.Add(PluginChecks.Guard("loads consistent splits", () => Loads(plugin, options, seed, cache)));
            results.Add(PluginChecks.Guard("values lie in the declared range", () => InRange(plugin, options, seed, cache)));
            // A second, empty cache: the same seed must give the same data whether or not a cache holds it.
            results.Add(PluginChecks.Guard("one seed gives the same data", () => Reproducible(plugin, options, seed, cache)));
            results.Add(PluginChecks.Guard("observables follow the naming rules", () => Observables(plugin, options, seed, cache)));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }

        return new ConformanceReport(plugin.Name, "dataset", results);
    }

    private static CheckResult Loads(IDatasetPlugin plugin, object options, long seed, string cache)
    {
        const string Name = "loads consistent splits";
        using var data = Load(plugin, options, seed, cache);
        if (data.TrainX.shape[0] == 0 || data.TestX.shape[0] == 0)
            return new(Name, CheckOutcome.Failed, $"{data.TrainX.shape[0]} training and {data.TestX.shape[0]} test examples; both splits need some");
        if (!data.TrainX.shape.Skip(1).SequenceEqual(data.TestX.shape.Skip(1)) || !data.TrainX.shape.Skip(1).SequenceEqual(data.SampleShape))
            return new(Name, CheckOutcome.Failed, $"train [{string.Join(", ", data.TrainX.shape)}] and test [{string.Join(", ", data.TestX.shape)}] examples differ in shape");
        if (!data.TrainX.is_floating_point())
            return new(Name, CheckOutcome.Failed, $"examples are {data.TrainX.dtype}; models expect floating-point tensors");
        if ((data.TrainY is { } y && y.shape[0] != data.TrainX.shape[0]) || (data.TestY is { } t && t.shape[0] != data.TestX.shape[0]))
            return new(Name, CheckOutcome.Failed, "the labels do not match the examples in number");
        return new(Name, CheckOutcome.Passed, string.Create(CultureInfo.InvariantCulture,
            $"{data.TrainX.shape[0]:N0} + {data.TestX.shape[0]:N0} examples of [{string.Join(", ", data.SampleShape)}], {data.TrainX.dtype}"));
    }

    private static CheckResult InRange(IDatasetPlugin plugin, object options, long seed, string cache)
    {
        const string Name = "values lie in the declared range";
        using var data = Load(plugin, options, seed, cache);
        using var scope = NewDisposeScope();
        var all = cat([data.TrainX.flatten(), data.TestX.flatten()]).to(float64);
        if (!all.isfinite().all().item<bool>())
            return new(Name, CheckOutcome.Failed, "the data hold NaN or infinite values");
        var (min, max) = (all.min().item<double>(), all.max().item<double>());
        if (min < data.ValueRange.Min || max > data.ValueRange.Max)
            return new(Name, CheckOutcome.Failed, string.Create(CultureInfo.InvariantCulture,
                $"values span {min:G4} to {max:G4}, outside the declared {data.ValueRange.Min:G4} to {data.ValueRange.Max:G4}"));
        if (data.IsBinary && !all.eq(data.ValueRange.Min).logical_or(all.eq(data.ValueRange.Max)).all().item<bool>())
            return new(Name, CheckOutcome.Failed, "declared binary, but holds values other than the range's two ends");
        return new(Name, CheckOutcome.Passed, string.Create(CultureInfo.InvariantCulture,
            $"{min:G4} to {max:G4} within {data.ValueRange.Min:G4} to {data.ValueRange.Max:G4}{(data.IsBinary ? ", binary" : "")}"));
    }

    private static CheckResult Reproducible(IDatasetPlugin plugin, object options, long seed, string cache)
    {
        using var first = Load(plugin, options, seed, cache);
        using var second = Load(plugin, options, seed, null);
        var same = ParameterSnapshot.Of(first.TrainX).SequenceEqual(ParameterSnapshot.Of(second.TrainX))
                   && ParameterSnapshot.Of(first.TestX).SequenceEqual(ParameterSnapshot.Of(second.TestX));
        return same
            ? new("one seed gives the same data", CheckOutcome.Passed, "two loads with one seed are identical")
            : new("one seed gives the same data", CheckOutcome.Failed, "two loads with one seed differ (use the context's generator for every random draw)");
    }

    private static CheckResult Observables(IDatasetPlugin plugin, object options, long seed, string cache)
    {
        const string Name = "observables follow the naming rules";
        using var data = Load(plugin, options, seed, cache);
        if (data.Observables is null)
            return new(Name, CheckOutcome.Skipped, "the dataset has no observables");
        using var scope = NewDisposeScope();
        var observed = data.Observables.Compute(data.TestX);
        if (observed.Keys.FirstOrDefault(k => !MetricNames.IsValidObservable(k)) is { } bad)
            return new(Name, CheckOutcome.Failed, $"'{bad}' is not one lower-case word with _ (the host adds data/ and samples/)");
        if (observed.FirstOrDefault(o => !double.IsFinite(o.Value)) is { Key: not null } nan)
            return new(Name, CheckOutcome.Failed, $"{nan.Key} of the test split is {nan.Value}");
        return new(Name, CheckOutcome.Passed, string.Join(", ", observed.Keys));
    }

    private static Dataset Load(IDatasetPlugin plugin, object options, long seed, string? cache)
    {
        using var context = new TestDatasetContext(seed, cache);
        return plugin.Load(options, context);
    }
}
