namespace Framework.Search;

// Multivariate TPE (TpeSettings.Multivariate): the unconditional parameters drawn together from one joint estimator.
public sealed partial class TpeSampler
{
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
    /// parameters whose kernels are products over the parameters, each observation one kernel; numerical widths are
    /// the gaps to the neighbours along each parameter (<see cref="JointBandwidth.Neighbours"/>) or Scott's rule,
    /// 0.2 · n^(−1/(d+4)) · (high − low) (<see cref="JointBandwidth.Scott"/>, Optuna's), then the usual clip. Each candidate draws one kernel and takes
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
            double? bandwidth = _settings.JointBandwidth == JointBandwidth.Scott
                ? 0.2 * Math.Pow(Math.Max(trials.Count, 1), -1.0 / (joint.Count + 4))
                : null;
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
}
