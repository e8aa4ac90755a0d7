namespace Framework.Search;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra et al. 2011) as Optuna 3.1's TPESampler runs it by default: each
/// parameter on its own (univariate). Until <see cref="TpeSettings.StartupTrials"/> trials have finished, values are
/// the uniform draws of <see cref="RandomSampler"/> with the same seed. Then the finished trials are ranked (complete
/// trials by value; after them pruned trials, those that got further first, then by their last reported value; failed
/// trials are left out), the best γ(n) form the good set and the rest the bad set; for each parameter a Parzen density
/// l(x) is fitted to its values in the good trials and g(x) to those in the bad trials (only trials where the parameter
/// was active count), <see cref="TpeSettings.EiCandidates"/> candidates are drawn from l and the one with the largest
/// l(x)/g(x), which maximises expected improvement, is proposed.
/// Running trials (pending proposals when trials run in parallel) are ranked last with
/// <see cref="TpeSettings.ConstantLiar"/> (they fall in the bad set, so proposals keep away from values being tried),
/// and are ignored otherwise. Every draw comes from a generator keyed by (seed, trial number, parameter name).
/// </summary>
public sealed class TpeSampler : ISampler
{
    private readonly int _seed;
    private readonly TpeSettings _settings;

    public TpeSampler(int seed, TpeSettings? settings = null)
    {
        _seed = seed;
        _settings = settings ?? new TpeSettings();
        _settings.Validate();
    }

    public TpeSettings Settings => _settings;

    public IReadOnlyDictionary<string, ParameterValue> Propose(SearchSpace space, IReadOnlyList<TrialRecord> history, int trialNumber)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(history);
        var ranked = Rank(history, trialNumber);
        var finished = ranked.Count(r => !r.Running);
        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        if (_settings.Multivariate && finished >= _settings.StartupTrials)
            foreach (var (name, value) in SampleJointly(JointParameters(space, ranked), ranked, trialNumber))
                values[name] = value;
        foreach (var parameter in space.Ordered)
        {
            if (values.ContainsKey(parameter.Name) || !parameter.IsActive(values))
                continue;
            var random = SearchRandom.For(_seed, trialNumber, parameter.Name);
            values[parameter.Name] = finished < _settings.StartupTrials
                ? RandomSampler.Draw(parameter, random)
                : Sample(parameter, ranked, random);
        }
        return values;
    }

    private sealed record Ranked(TrialRecord Trial, bool Running, bool Good);

    /// <summary>
    /// The trials that inform the search, oldest first, each marked good or bad. Optuna's order: complete trials by value,
    /// then pruned trials by the step they reached (later first) and their value there (one that reported nothing
    /// last among them), then running trials.
    /// </summary>
    private List<Ranked> Rank(IReadOnlyList<TrialRecord> history, int trialNumber)
    {
        var sign = _settings.Direction == Direction.Minimize ? 1.0 : -1.0;
        var scored = new List<(TrialRecord Trial, double Stage, double Score)>();
        foreach (var trial in history.Where(t => t.Number != trialNumber).OrderBy(t => t.Number))
        {
            switch (trial.State)
            {
                case TrialState.Complete when trial.Value is { } value && !double.IsNaN(value):
                    scored.Add((trial, double.NegativeInfinity, sign * value));
                    break;
                case TrialState.Pruned when trial.LastStep is { } step:
                    var last = trial.ValueAt(step)!.Value;
                    scored.Add((trial, -step, double.IsNaN(last) ? double.PositiveInfinity : sign * last));
                    break;
                case TrialState.Pruned:
                    scored.Add((trial, 1, 0));
                    break;
                case TrialState.Running when _settings.ConstantLiar:
                    scored.Add((trial, double.PositiveInfinity, double.PositiveInfinity));
                    break;
            }
        }
        var finished = scored.Count(s => !double.IsPositiveInfinity(s.Stage));
        var good = scored.Select((s, i) => (s, i)).OrderBy(x => x.s.Stage).ThenBy(x => x.s.Score)
            .Take(TpeSettings.Gamma(finished)).Select(x => x.i).ToHashSet();
        return scored.Select((s, i) => new Ranked(s.Trial, double.IsPositiveInfinity(s.Stage), good.Contains(i))).ToList();
    }

    private ParameterValue Sample(SearchParameter parameter, List<Ranked> ranked, SearchRandom random)
    {
        if (parameter.Kind == ParameterKind.Categorical)
        {
            var choices = parameter.Choices!;
            List<int> Indices(bool good) => ranked.Where(r => r.Good == good)
                .Select(r => Value(r.Trial, parameter) is ParameterValue.Choice c ? IndexOf(choices, c.Value) : -1)
                .Where(i => i >= 0).ToList();
            var below = new CategoricalParzenEstimator(Indices(true), choices.Count, _settings);
            var above = new CategoricalParzenEstimator(Indices(false), choices.Count, _settings);
            var bestChoice = 0;
            var bestScore = double.NegativeInfinity;
            for (var k = 0; k < _settings.EiCandidates; k++)
            {
                var candidate = below.Sample(random);
                var score = below.LogPdf(candidate) - above.LogPdf(candidate);
                if (k == 0 || score > bestScore)
                    (bestChoice, bestScore) = (candidate, score);
            }
            return new ParameterValue.Choice(choices[bestChoice]);
        }

        var domain = NumericalDomain.Of(parameter);
        List<double> Observed(bool good) => ranked.Where(r => r.Good == good)
            .Select(r => Value(r.Trial, parameter) is ParameterValue.Number n ? n.Value : double.NaN)
            .Where(domain.Contains).Select(domain.ToInternal).ToList();
        var l = new NumericalParzenEstimator(Observed(true), domain.Low, domain.High, domain.Cell, _settings);
        var g = new NumericalParzenEstimator(Observed(false), domain.Low, domain.High, domain.Cell, _settings);
        var best = double.NaN;
        var bestRatio = double.NegativeInfinity;
        for (var k = 0; k < _settings.EiCandidates; k++)
        {
            // The candidate is rounded to the parameter's values before it is scored, as Optuna does.
            var candidate = domain.FromInternal(l.Sample(random));
            var inner = domain.ToInternal(candidate);
            var ratio = l.LogPdf(inner) - g.LogPdf(inner);
            if (k == 0 || ratio > bestRatio)
                (best, bestRatio) = (candidate, ratio);
        }
        return new ParameterValue.Number(best);
    }

    /// <summary>
    /// The parameters the multivariate estimator models jointly (Optuna's intersection search space): those every
    /// finished trial has a usable value of and that can take more than one value. Conditional parameters fall outside
    /// it as soon as one trial lacks them, and are sampled one by one.
    /// </summary>
    private static List<SearchParameter> JointParameters(SearchSpace space, List<Ranked> ranked) =>
        space.Ordered.Where(p => p.ParentName is null && !IsSingle(p)
            && ranked.Where(r => !r.Running).All(r => Usable(r.Trial, p))).ToList();

    private static bool IsSingle(SearchParameter p) =>
        p.Kind == ParameterKind.Categorical ? p.Choices!.Count == 1 : p.Kind == ParameterKind.Int && p.Low == p.High;

    private static bool Usable(TrialRecord trial, SearchParameter p) => Value(trial, p) switch
    {
        ParameterValue.Choice c => p.Kind == ParameterKind.Categorical && IndexOf(p.Choices!, c.Value) >= 0,
        ParameterValue.Number n => p.Kind != ParameterKind.Categorical && NumericalDomain.Of(p).Contains(n.Value),
        _ => false,
    };

    /// <summary>
    /// Multivariate TPE (Optuna's multivariate=True, after BOHB, Falkner et al. 2018): one estimator over all joint
    /// parameters whose kernels are products over the parameters, each observation one kernel; numerical widths follow
    /// Scott's rule, 0.2 · n^(−1/(d+4)) · (high − low), then the usual clip. Each candidate draws one kernel and takes
    /// every parameter from it; the candidate with the largest l/g wins, as in the univariate case.
    /// </summary>
    private Dictionary<string, ParameterValue> SampleJointly(List<SearchParameter> joint, List<Ranked> ranked, int trialNumber)
    {
        var result = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        if (joint.Count == 0)
            return result;
        var random = SearchRandom.For(_seed, trialNumber, "\u0001multivariate");
        (double[] Weights, List<Func<int, SearchRandom, ParameterValue>> Draw, List<Action<ParameterValue, double[]>> Add) Fit(bool good)
        {
            var trials = ranked.Where(r => r.Good == good && joint.All(p => Usable(r.Trial, p))).Select(r => r.Trial).ToList();
            var bandwidth = 0.2 * Math.Pow(Math.Max(trials.Count, 1), -1.0 / (joint.Count + 4));
            double[] weights = [];
            var draw = new List<Func<int, SearchRandom, ParameterValue>>();
            var add = new List<Action<ParameterValue, double[]>>();
            foreach (var p in joint)
            {
                if (p.Kind == ParameterKind.Categorical)
                {
                    var estimator = new CategoricalParzenEstimator(trials.Select(t => IndexOf(p.Choices!, ((ParameterValue.Choice)t.Parameters[p.Name]).Value)).ToList(), p.Choices!.Count, _settings);
                    weights = estimator.Weights;
                    draw.Add((k, r) => new ParameterValue.Choice(p.Choices![estimator.SampleKernel(k, r)]));
                    add.Add((v, terms) => estimator.AddKernelLogPdfs(IndexOf(p.Choices!, ((ParameterValue.Choice)v).Value), terms));
                }
                else
                {
                    var domain = NumericalDomain.Of(p);
                    var estimator = new NumericalParzenEstimator(trials.Select(t => domain.ToInternal(((ParameterValue.Number)t.Parameters[p.Name]).Value)).ToList(),
                        domain.Low, domain.High, domain.Cell, _settings, bandwidth);
                    weights = estimator.Weights;
                    draw.Add((k, r) => new ParameterValue.Number(domain.FromInternal(estimator.SampleKernel(k, r))));
                    add.Add((v, terms) => estimator.AddKernelLogPdfs(domain.ToInternal(((ParameterValue.Number)v).Value), terms));
                }
            }
            return (weights, draw, add);
        }
        double LogPdf((double[] Weights, List<Func<int, SearchRandom, ParameterValue>> Draw, List<Action<ParameterValue, double[]>> Add) estimator, ParameterValue[] candidate)
        {
            var terms = estimator.Weights.Select(w => Math.Log(w)).ToArray();
            for (var j = 0; j < joint.Count; j++)
                estimator.Add[j](candidate[j], terms);
            return ParzenWeights.LogSumExp(terms);
        }
        var below = Fit(good: true);
        var above = Fit(good: false);
        ParameterValue[]? best = null;
        var bestRatio = double.NegativeInfinity;
        for (var c = 0; c < _settings.EiCandidates; c++)
        {
            var k = random.Categorical(below.Weights);
            var candidate = below.Draw.Select(d => d(k, random)).ToArray();
            var ratio = LogPdf(below, candidate) - LogPdf(above, candidate);
            if (best is null || ratio > bestRatio)
                (best, bestRatio) = (candidate, ratio);
        }
        for (var j = 0; j < joint.Count; j++)
            result[joint[j].Name] = best![j];
        return result;
    }

    // A trial's value of the parameter, if the parameter was active in it (a value recorded while its parent disabled it says nothing).
    private static ParameterValue? Value(TrialRecord trial, SearchParameter parameter) =>
        parameter.IsActive(trial.Parameters) && trial.Parameters.TryGetValue(parameter.Name, out var value) ? value : null;

    private static int IndexOf(IReadOnlyList<string> choices, string value)
    {
        for (var i = 0; i < choices.Count; i++)
            if (choices[i] == value)
                return i;
        return -1;
    }
}

/// <summary>
/// Where a numerical parameter's Parzen kernels live: the logarithm for log-scaled parameters; an integer's interval
/// widened by ½ each side, with cells of width 1 (log-scaled integers are continuous in log space, rounded after).
/// </summary>
internal sealed record NumericalDomain(SearchParameter Parameter, double Low, double High, double? Cell)
{
    public static NumericalDomain Of(SearchParameter p) => p switch
    {
        { Kind: ParameterKind.Float, Log: true } => new(p, Math.Log(p.Low), Math.Log(p.High), null),
        { Kind: ParameterKind.Float } => new(p, p.Low, p.High, null),
        { Kind: ParameterKind.Int, Log: true } => new(p, Math.Log(p.Low - 0.5), Math.Log(p.High + 0.5), null),
        _ => new(p, p.Low - 0.5, p.High + 0.5, 1.0),
    };

    /// <summary>Whether a stored value can inform the kernels (a value outside today's range, e.g. after the range changed, cannot).</summary>
    public bool Contains(double value) =>
        !double.IsNaN(value) && value >= Parameter.Low && value <= Parameter.High;

    public double ToInternal(double value) => Parameter.Log ? Math.Log(value) : value;

    public double FromInternal(double x) => Parameter.Kind switch
    {
        ParameterKind.Int when Parameter.Log => RandomSampler.Clamp(Math.Round(Math.Exp(x)), Parameter),
        ParameterKind.Int => RandomSampler.Clamp(Math.Round(x - Parameter.Low) + Parameter.Low, Parameter),
        _ when Parameter.Log => RandomSampler.Clamp(Math.Exp(x), Parameter),
        _ => RandomSampler.Clamp(x, Parameter),
    };
}
