using System.Text.RegularExpressions;
using Framework.Host.Plotting;
using ScottPlot;

namespace Framework.Host.Sweeps.Summary.Search;

/// <summary>
/// The plots of a hyperparameter search, as Optuna draws them: the optimisation history, the parallel coordinates of
/// the parameters and one slice plot per parameter, each as PNG and SVG, plus the parameters' importance as a CSV
/// (<see cref="ParameterImportance"/>). They take plain data, so they draw a search from whatever holds its trials.
/// </summary>
internal static partial class SearchPlots
{
    private const int Width = 900;
    private const int Height = 540;

    /// <summary>Writes every plot and the importance table into <paramref name="folder"/>; returns the files written.</summary>
    /// <param name="trials">The search's trials, any state.</param>
    /// <param name="parameters">The searched parameters.</param>
    /// <param name="maximize">Whether a higher objective is better.</param>
    /// <param name="folder">Where the files go (created when missing).</param>
    /// <param name="objective">The objective's name (a metric such as <c>test/loglik</c>) for the axes.</param>
    public static IReadOnlyList<string> Write(IReadOnlyList<PlotTrial> trials, IReadOnlyList<PlotParameter> parameters, bool maximize,
        string folder, string objective = "objective")
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        files.AddRange(History(trials, maximize, objective).Write(Path.Combine(folder, "optimization_history.png")));
        if (parameters.Count > 0)
            files.AddRange(ParallelCoordinates(trials, parameters, objective).Write(Path.Combine(folder, "parallel_coordinates.png")));
        foreach (var parameter in parameters)
            files.AddRange(Slice(trials, parameter, objective).Write(Path.Combine(folder, $"slice_{FileName(parameter.Name)}.png")));
        var csv = Path.Combine(folder, "parameter_importance.csv");
        File.WriteAllText(csv, ParameterImportance.Csv(ParameterImportance.Compute(trials, parameters)));
        files.Add(csv);
        return files;
    }

    /// <summary>Each trial's objective against its number, and the best so far as a step line.</summary>
    public static Figure History(IReadOnlyList<PlotTrial> trials, bool maximize, string objective)
    {
        var plot = Figure.NewPlot("Optimization history", "trial", $"{objective} ({(maximize ? "higher" : "lower")} is better)");
        var complete = trials.Where(t => t.Counts).OrderBy(t => t.Number).ToList();
        var pruned = trials.Where(t => t.State == PlotTrialState.Pruned && t.Value is { } v && double.IsFinite(v)).ToList();
        if (pruned.Count > 0)
        {
            var markers = plot.Add.Markers(pruned.Select(t => (double)t.Number).ToArray(), pruned.Select(t => t.Value!.Value).ToArray(),
                MarkerShape.OpenCircle, 7, Colors.Gray);
            markers.LegendText = "pruned (last reported value)";
        }
        if (complete.Count == 0)
        {
            plot.Add.Annotation("no complete trial yet");
            return Figure.Of(plot, Width, Height);
        }

        var values = plot.Add.Markers(complete.Select(t => (double)t.Number).ToArray(), complete.Select(t => t.Value!.Value).ToArray(),
            MarkerShape.FilledCircle, 7, Colors.Blue.WithAlpha(0.7));
        values.LegendText = "complete trial";

        // The best so far changes only at a complete trial: a horizontal step from each one to the next.
        var xs = new List<double>();
        var ys = new List<double>();
        var best = complete[0].Value!.Value;
        foreach (var trial in complete)
        {
            var value = trial.Value!.Value;
            best = maximize ? Math.Max(best, value) : Math.Min(best, value);
            if (xs.Count > 0)
            {
                xs.Add(trial.Number);
                ys.Add(ys[^1]);
            }
            xs.Add(trial.Number);
            ys.Add(best);
        }
        var lastNumber = trials.Max(t => t.Number);
        if (lastNumber > xs[^1])
        {
            xs.Add(lastNumber);
            ys.Add(best);
        }
        var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), Colors.Red);
        line.LineWidth = 2;
        line.LegendText = "best so far";
        plot.ShowLegend(maximize ? Alignment.LowerRight : Alignment.UpperRight);
        plot.Legend.FontName = Figure.FontName;
        return Figure.Of(plot, Width, Height);
    }

    /// <summary>One vertical axis per parameter and one for the objective; each complete trial is a line through its
    /// values, coloured by its objective. Log parameters have log axes, categorical ones an axis of their choices.</summary>
    public static Figure ParallelCoordinates(IReadOnlyList<PlotTrial> trials, IReadOnlyList<PlotParameter> parameters, string objective)
    {
        var complete = trials.Where(t => t.Counts).ToList();
        var axes = parameters.Select(p => new ParameterAxis(p, complete.Where(t => t.Parameters.ContainsKey(p.Name)).Select(t => t.Parameters[p.Name])))
            .Append(new ParameterAxis(new PlotParameter(objective), complete.Select(t => (PlotValue)t.Value!.Value)))
            .ToList();
        var plot = Figure.NewPlot("Parallel coordinates", "", "each axis scaled to its own range");
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            axes.Select((_, i) => (double)i).ToArray(), axes.Select(a => a.Label).ToArray());
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, axes.Count - 0.4, -0.05, 1.05);

        var colours = new ObjectiveColours(complete.Select(t => t.Value!.Value));
        // Drawn worst first, so the best trials lie on top (for either goal the extremes are the interesting ones, so
        // this orders by distance from the middle of the colour scale).
        foreach (var trial in complete.OrderBy(t => -Math.Abs(colours.Fraction(t.Value!.Value) - 0.5)).Reverse())
        {
            var points = axes.Select((axis, i) => (X: (double)i, Value: i == axes.Count - 1 ? trial.Value!.Value
                    : trial.Parameters.TryGetValue(axis.Parameter.Name, out var v) ? v : (PlotValue?)null))
                .Where(p => p.Value is not null)
                .Select(p => new Coordinates(p.X, axes[(int)p.X].Normalized(p.Value!.Value)))
                .ToArray();
            var line = plot.Add.ScatterLine(points, colours.Of(trial.Value!.Value).WithAlpha(0.75));
            line.LineWidth = 1.5f;
        }

        for (var i = 0; i < axes.Count; i++)
        {
            plot.Add.VerticalLine(i, 1.5f, Colors.Black);
            var (positions, labels) = axes[i].Ticks();
            for (var t = 0; t < positions.Length; t++)
            {
                var normalized = axes[i].Max > axes[i].Min ? (positions[t] - axes[i].Min) / (axes[i].Max - axes[i].Min) : 0.5;
                var label = plot.Add.Text(labels[t], i + 0.02, normalized);
                label.LabelFontSize = 11;
                label.LabelFontName = Figure.FontName;
                label.LabelAlignment = Alignment.MiddleLeft;
            }
        }
        plot.Axes.AddPanel(new ScottPlot.Panels.ColorBar(colours, Edge.Right) { Label = objective });
        return Figure.Of(plot, Math.Max(Width, 220 * axes.Count), Height);
    }

    /// <summary>The objective of each complete trial against one parameter, coloured by trial number (early trials
    /// dark): where the search concentrated and what the parameter does.</summary>
    public static Figure Slice(IReadOnlyList<PlotTrial> trials, PlotParameter parameter, string objective)
    {
        var complete = trials.Where(t => t.Counts && t.Parameters.ContainsKey(parameter.Name)).OrderBy(t => t.Number).ToList();
        var axis = new ParameterAxis(parameter, complete.Select(t => t.Parameters[parameter.Name]));
        var plot = Figure.NewPlot($"Slice: {parameter.Name}", axis.Label, objective);
        var (positions, labels) = axis.Ticks();
        if (axis.IsCategorical || parameter.IsLog)
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        if (complete.Count == 0)
        {
            plot.Add.Annotation("no complete trial set this parameter");
            return Figure.Of(plot, Width, Height);
        }

        var colours = new ObjectiveColours(complete.Select(t => (double)t.Number)) { Name = "trial" };
        foreach (var trial in complete)
        {
            // Categories get a little sideways spread so that trials with the same choice stay visible.
            var jitter = axis.IsCategorical ? ((trial.Number * 0.618034) % 1 - 0.5) * 0.3 : 0;
            plot.Add.Marker(axis.Position(trial.Parameters[parameter.Name]) + jitter, trial.Value!.Value, MarkerShape.FilledCircle, 8,
                colours.Of(trial.Number).WithAlpha(0.85));
        }
        if (axis.IsCategorical)
            plot.Axes.SetLimitsX(-0.5, positions.Length - 0.5);
        plot.Axes.AddPanel(new ScottPlot.Panels.ColorBar(colours, Edge.Right) { Label = "trial" });
        return Figure.Of(plot, Width, Height);
    }

    /// <summary>A parameter name as a file name: <c>training.optimizer.lr</c> stays, anything but letters, digits,
    /// dots, dashes and underscores becomes an underscore.</summary>
    public static string FileName(string name) => UnsafeCharacters().Replace(name, "_");

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();

    /// <summary>Viridis over the range of some values, for lines and markers and their colour bar.</summary>
    private sealed class ObjectiveColours(IEnumerable<double> values) : IHasColorAxis
    {
        private readonly ScottPlot.Range _range = Range(values.ToList());

        public IColormap Colormap { get; } = new ScottPlot.Colormaps.Viridis();

        public string Name { get; init; } = "objective";

        public ScottPlot.Range GetRange() => _range;

        public double Fraction(double value) => _range.Max > _range.Min ? (value - _range.Min) / (_range.Max - _range.Min) : 0.5;

        public Color Of(double value) => Colormap.GetColor(Math.Clamp(Fraction(value), 0, 1));

        private static ScottPlot.Range Range(List<double> list) =>
            list.Count == 0 ? new ScottPlot.Range(0, 1) : new ScottPlot.Range(list.Min(), list.Max());
    }
}
