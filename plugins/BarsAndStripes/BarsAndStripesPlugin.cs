using System.Globalization;
using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace Framework.Plugins.BarsAndStripes;

/// <summary>The <c>bars-and-stripes</c> dataset: uniform over the 2^(n+1) - 2 n-by-n images made of full rows or
/// full columns, so the best possible mean log-likelihood is -ln(2^(n+1) - 2) nats.</summary>
/// <remarks>The test split is the whole support, each pattern once, so <c>test/loglik</c> measures the model against
/// the exact distribution; the training split repeats it so that an epoch holds enough steps.</remarks>
public sealed class BarsAndStripesPlugin : DatasetPlugin<BarsAndStripesOptions>
{
    /// <inheritdoc />
    public override string Name => "bars-and-stripes";

    /// <inheritdoc />
    public override string Description => "The n-by-n bars-and-stripes toy distribution with exactly known support and likelihood.";

    /// <inheritdoc />
    protected override Dataset Load(BarsAndStripesOptions options, IDatasetContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = options.Size;
        var patterns = BarsAndStripesPatterns.All(size);
        var flat = patterns.SelectMany(p => p).ToArray();
        var test = tensor(flat, [patterns.Length, size, size]);
        var train = test.repeat(options.Repeats, 1, 1);
        return new Dataset(train, test, ValueRange.Unit)
        {
            IsBinary = true,
            Layout = SampleLayout.Image,
            Observables = new SupportObservables(size),
            Metadata = new Dictionary<string, string>
            {
                ["size"] = size.ToString(CultureInfo.InvariantCulture),
                ["support_size"] = patterns.Length.ToString(CultureInfo.InvariantCulture),
                ["optimal_loglik"] = (-Math.Log(patterns.Length)).ToString("R", CultureInfo.InvariantCulture),
            },
            // Every pattern once (test) and the same patterns repeated (train): no randomness, so size and repeats say it all.
            TrainSource = Source(size, options.Repeats),
            TestSource = Source(size, 1),
        };
    }

    private static DataSource Source(int size, int repeats) => DataSource.Code(new Dictionary<string, string>
    {
        ["generator"] = "bars-and-stripes",
        ["size"] = size.ToString(CultureInfo.InvariantCulture),
        ["repeats"] = repeats.ToString(CultureInfo.InvariantCulture),
    }) with { Name = FormattableString.Invariant($"bars-and-stripes-{size}x{size}") };
}
