using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Framework.Benchmarks.Search;
using Framework.Search;

// Usage: Search.Benchmark [--trials 60] [--seeds 10] [--first-seed 0] [--normalised-kernels] [--univariate] [--scott-bandwidth] [--out FILE.json]
//   Runs our RandomSampler and TpeSampler (host/Framework.Search) in-process on branin, hartmann6 and mixed, then TPE
//   with no pruner, the median pruner and ASHA on the learning curves, exactly as ../shared/bench/search_optuna.py
//   runs Optuna's, and prints the same lines: per function and sampler the median over seeds of the best value after
//   10, 20, ... trials; per pruner the median epochs spent and the median best final loss of the complete trials.
//   --normalised-kernels: TPE with normalised kernel densities (TpeSettings.NormalisedKernels, Optuna >= 3.5's).
//   TPE runs with the sweep engine's defaults (TpeSettings: multivariate, neighbour widths) unless told otherwise:
//   --univariate: one parameter at a time (Optuna 3.1's default TPESampler).
//   --scott-bandwidth: multivariate with Scott's widths (Optuna's multivariate=True).
//   --first-seed N: seeds N .. N + seeds - 1 (the issue's table uses 0 .. 9).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var trials = Option("--trials", 60);
var seeds = Option("--seeds", 10);
var firstSeed = Option("--first-seed", 0);
var defaults = new TpeSettings();
var settings = defaults with
{
    NormalisedKernels = args.Contains("--normalised-kernels"),
    Multivariate = defaults.Multivariate && !args.Contains("--univariate"),
    JointBandwidth = args.Contains("--scott-bandwidth") ? JointBandwidth.Scott : defaults.JointBandwidth,
};
var outPath = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
var clock = Stopwatch.StartNew();
var results = new Dictionary<string, object>();
var checkpoints = Enumerable.Range(1, trials / 10).Select(k => 10 * k).ToList();

foreach (var objective in Objective.All)
{
    foreach (var samplerName in new[] { "random", "tpe" })
    {
        var curves = new List<double[]>();
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            ISampler sampler = samplerName == "random" ? new RandomSampler(seed) : new TpeSampler(seed, settings);
            curves.Add(BestSoFar(objective, sampler, trials));
        }
        var medians = checkpoints.ToDictionary(k => k, k => Median(curves.Select(c => c[k - 1])));
        results[$"{objective.Name}/{samplerName}"] = new { optimum = objective.Optimum, median_best_after = medians.ToDictionary(m => m.Key.ToString(CultureInfo.InvariantCulture), m => m.Value) };
        Console.WriteLine($"{objective.Name,-10} {samplerName,-7} optimum {objective.Optimum.ToString("+0.00000;-0.00000", CultureInfo.InvariantCulture)}  median best after "
            + string.Join("  ", medians.Select(m => $"{m.Key}:{m.Value.ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture)}")));
    }
}

foreach (var prunerName in new[] { "none", "median", "asha" })
{
    var budgets = new List<double>();
    var bests = new List<double>();
    for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
    {
        IPruner pruner = prunerName switch
        {
            "none" => new NopPruner(),
            "median" => new MedianPruner(startupTrials: 5, warmupSteps: 3),
            _ => new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 3),
        };
        var (spent, best) = CurvesSearch(new TpeSampler(seed, settings), pruner, trials);
        budgets.Add(spent);
        bests.Add(best);
    }
    results[$"curves/{prunerName}"] = new { median_epochs_spent = Median(budgets), full_budget = Objective.Epochs * trials, median_best_final = Median(bests) };
    Console.WriteLine($"curves     tpe+{prunerName,-6} epochs spent {Median(budgets):0} of {Objective.Epochs * trials}, median best final loss {Median(bests):0.0000}");
}
Console.WriteLine($"time {clock.Elapsed.TotalSeconds:0.0} s ({trials} trials, {seeds} seeds{(settings.NormalisedKernels ? ", normalised kernels" : "")}{(settings.Multivariate ? $", multivariate, {settings.JointBandwidth.ToString().ToLowerInvariant()} widths" : ", univariate")}{(firstSeed != 0 ? $", seeds from {firstSeed}" : "")})");
if (outPath is not null)
    File.WriteAllText(outPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
return 0;

// Best value so far after each trial of a sequential search.
static double[] BestSoFar(Objective objective, ISampler sampler, int trials)
{
    var history = new List<TrialRecord>();
    var best = new double[trials];
    for (var n = 0; n < trials; n++)
    {
        var parameters = sampler.Propose(objective.Space, history, n);
        var value = objective.Evaluate(parameters);
        history.Add(new TrialRecord(n, parameters, TrialState.Complete, value, []));
        best[n] = Math.Min(n == 0 ? double.PositiveInfinity : best[n - 1], value);
    }
    return best;
}

// Each trial reports its loss after every epoch and asks the pruner; returns the epochs spent and the best final loss.
static (double Spent, double Best) CurvesSearch(ISampler sampler, IPruner pruner, int trials)
{
    var history = new List<TrialRecord>();
    var spent = 0;
    var best = double.PositiveInfinity;
    for (var n = 0; n < trials; n++)
    {
        var parameters = sampler.Propose(Objective.MixedSpace, history, n);
        var reports = new List<IntermediateValue>();
        var state = TrialState.Complete;
        var loss = double.NaN;
        for (var epoch = 1; epoch <= Objective.Epochs; epoch++)
        {
            loss = Objective.CurveLoss(parameters, epoch);
            spent++;
            reports.Add(new IntermediateValue(epoch, loss));
            if (pruner.ShouldPrune(new TrialRecord(n, parameters, TrialState.Running, null, reports.ToList()), history, Direction.Minimize))
            {
                state = TrialState.Pruned;
                break;
            }
        }
        history.Add(new TrialRecord(n, parameters, state, state == TrialState.Complete ? loss : null, reports));
        if (state == TrialState.Complete)
            best = Math.Min(best, loss);
    }
    return (spent, best);
}

// Python's statistics.median: the middle value, or the mean of the middle two.
static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    var mid = sorted.Length / 2;
    return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
