using System.Globalization;
using Framework.Host.Sweeps.Summary.Search;
using Framework.Host.Tests.Plotting;

namespace Framework.Host.Tests.Sweeps.Summary.Search;

public sealed class SearchPlotsTests : IDisposable
{
    private static readonly PlotParameter[] Parameters =
        [new("training.optimizer.lr", IsLog: true), new("model.hidden"), new("model.activation")];

    private readonly string _folder = Directory.CreateTempSubdirectory("fw-search-plots-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>40 trials of a made-up search: the objective is (log10 lr + 2.5)², plus 1 for tanh, plus a little noise;
    /// the hidden size does nothing. Every 7th trial is pruned, every 11th failed.</summary>
    private static List<PlotTrial> Trials()
    {
        var random = new Random(7);
        string[] activations = ["relu", "tanh", "gelu"];
        return Enumerable.Range(0, 40).Select(n =>
        {
            var lr = Math.Pow(10, -4 + 3 * random.NextDouble());
            var hidden = 8 + random.Next(249);
            var activation = activations[random.Next(3)];
            var value = Math.Pow(Math.Log10(lr) + 2.5, 2) + (activation == "tanh" ? 1 : 0) + 0.05 * random.NextDouble();
            var state = n % 11 == 10 ? PlotTrialState.Failed : n % 7 == 6 ? PlotTrialState.Pruned : PlotTrialState.Complete;
            var parameters = new Dictionary<string, PlotValue>
            {
                ["training.optimizer.lr"] = lr, ["model.hidden"] = hidden, ["model.activation"] = activation,
            };
            return new PlotTrial(n, state, state == PlotTrialState.Failed ? null : value + (state == PlotTrialState.Pruned ? 2 : 0), parameters);
        }).ToList();
    }

    [Fact]
    public void EveryPlotIsWrittenAsPngAndSvgWithTheImportanceTable()
    {
        var files = SearchPlots.Write(Trials(), Parameters, maximize: false, _folder, "test/neg_elbo");

        string[] plots = ["optimization_history", "parallel_coordinates", "slice_training.optimizer.lr", "slice_model.hidden", "slice_model.activation"];
        Assert.Equal(plots.SelectMany(p => new[] { p + ".png", p + ".svg" }).Append("parameter_importance.csv").Order(),
            files.Select(Path.GetFileName).Order());
        foreach (var plot in plots)
        {
            using var bitmap = Pictures.Decode(File.ReadAllBytes(Path.Combine(_folder, plot + ".png")));
            Assert.True(bitmap.Width >= 900 && bitmap.Height == 540, $"{plot}: {bitmap.Width}x{bitmap.Height}");
            Assert.True(Pictures.Inked(bitmap) > 3000, $"{plot} is nearly blank");
        }

        var history = Pictures.SvgTexts(File.ReadAllText(Path.Combine(_folder, "optimization_history.svg")));
        Assert.Contains("trial", history);
        Assert.Contains("test/neg_elbo (lower is better)", history);
        Assert.Contains("best so far", history);
        Assert.Contains("pruned (last reported value)", history);
        var parallel = Pictures.SvgTexts(File.ReadAllText(Path.Combine(_folder, "parallel_coordinates.svg")));
        Assert.Contains(parallel, t => t.Contains("training.optimizer.lr", StringComparison.Ordinal));
        Assert.Contains(parallel, t => t.Contains("(log scale)", StringComparison.Ordinal));
        Assert.Contains("0.001", parallel);
        Assert.Contains("tanh", parallel);
        var slice = Pictures.SvgTexts(File.ReadAllText(Path.Combine(_folder, "slice_model.activation.svg")));
        Assert.Contains("model.activation", slice);
        Assert.Contains("gelu", slice);
    }

    [Fact]
    public void TheBestSoFarLineIsRedAndTheTrialsBlue()
    {
        using var bitmap = Pictures.Decode(SearchPlots.History(Trials(), maximize: false, "objective").Png);

        Assert.True(Pictures.Inked(bitmap, Pictures.Red) > 300, "no best-so-far line");
        Assert.True(Pictures.Inked(bitmap, c => c.Blue > 200 && c.Red < 150 && c.Green < 150) > 200, "no trial markers");
    }

    [Fact]
    public void ImportanceRanksTheParametersThatDriveTheObjectiveAboveOneThatDoesNothing()
    {
        var rows = ParameterImportance.Compute(Trials(), Parameters);

        Assert.Equal(["training.optimizer.lr", "model.activation", "model.hidden"], rows.Select(r => r.Parameter));
        Assert.True(rows[0].EtaSquared > 0.6, $"lr explains {rows[0].EtaSquared:F3}");
        Assert.True(rows[2].EtaSquared < 0.35, $"hidden explains {rows[2].EtaSquared:F3}");
        Assert.Equal(1, rows.Sum(r => r.Normalized), 9);
        // 40 trials less 3 failed (10, 21, 32) and 5 pruned (6, 13, 20, 27, 34).
        Assert.All(rows, r => Assert.Equal(32, r.Trials));
        Assert.Equal(3, rows.Single(r => r.Parameter == "model.activation").Bins);
        Assert.Equal(5, rows.Single(r => r.Parameter == "model.hidden").Bins);

        var csv = ParameterImportance.Csv(rows).Split('\n');
        Assert.Equal("parameter,eta_squared,normalized_importance,bins,trials", csv[0]);
        Assert.StartsWith("training.optimizer.lr," + rows[0].EtaSquared.ToString("R", CultureInfo.InvariantCulture), csv[1], StringComparison.Ordinal);
    }

    [Fact]
    public void EtaSquaredIsTheShareOfVarianceBetweenBins()
    {
        // Mean 2.5, total sum of squares 5; bin means 1.5 and 3.5 give 2·1 + 2·1 = 4 between bins.
        Assert.Equal(0.8, ParameterImportance.EtaSquared([1, 2, 3, 4], [0, 0, 1, 1]), 12);
        Assert.Equal(1, ParameterImportance.EtaSquared([1, 1, 3, 3], [0, 0, 1, 1]), 12);
        Assert.Equal(0, ParameterImportance.EtaSquared([1, 3, 1, 3], [0, 0, 1, 1]), 12);
        Assert.True(double.IsNaN(ParameterImportance.EtaSquared([2, 2], [0, 1])));
    }

    [Fact]
    public void LogAxesTickAtDecadesAndCategoricalAxesAtEachChoice()
    {
        var log = new ParameterAxis(new PlotParameter("lr", IsLog: true), [1e-4, 3e-2, 1e-1]);
        var categorical = new ParameterAxis(new PlotParameter("act"), ["tanh", "relu"]);

        Assert.Equal(["0.0001", "0.001", "0.01", "0.1"], log.Ticks().Labels);
        Assert.Equal(-4, log.Min, 12);
        Assert.Equal(1.0 / 3, log.Normalized(1e-3), 12);
        Assert.Equal(["relu", "tanh"], categorical.Ticks().Labels);
        Assert.Equal(1, categorical.Normalized("tanh"));
        Assert.Equal("model.hidden_0_", SearchPlots.FileName("model.hidden[0]"));
    }
}
