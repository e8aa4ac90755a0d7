namespace Framework.Search;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra et al. 2011) as Optuna 3.1's TPESampler runs it, with the parameters
/// modelled jointly by default (<see cref="TpeSettings.Multivariate"/>; the univariate case is described here). Until <see cref="TpeSettings.StartupTrials"/> trials have finished, values are
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
public sealed partial class TpeSampler : ISampler
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
