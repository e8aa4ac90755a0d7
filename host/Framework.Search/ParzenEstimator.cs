namespace Framework.Search;

/// <summary>
/// A Parzen (kernel) density over one numerical parameter, as in Optuna 3.1's univariate TPE: one truncated Gaussian
/// per observation plus a prior kernel, all on the domain [low, high] of the internal coordinate (the logarithm for
/// log-scaled parameters; an integer parameter's domain is widened by ½ on each side and its kernels are integrated over
/// the integer's cell, so it is a density over integers). Each kernel sits on its observation; its width is the larger
/// gap to the neighbouring observations (the prior's centre counts as one), clipped to
/// [(high − low) / min(100, 1 + kernels), high − low]. The prior is a Gaussian of width high − low at the centre.
/// Observation weights are 1, except that beyond 25 observations the oldest are ramped down linearly (the search has
/// moved on since); they and the prior weight are normalised to sum to 1.
/// </summary>
internal sealed class NumericalParzenEstimator
{
    private readonly double[] _weights, _mus, _sigmas, _logMass;
    private readonly double _low, _high;
    private readonly double? _cell;
    private readonly bool _normalised;

    /// <param name="observations">Internal coordinates, oldest first.</param>
    /// <param name="cell">Width of an integer's cell (1), or null for a continuous parameter.</param>
    /// <param name="bandwidth">
    /// For the multivariate estimator: every observation's kernel width as a fraction of high − low (then clipped as
    /// usual), instead of the gaps to the neighbours.
    /// </param>
    public NumericalParzenEstimator(IReadOnlyList<double> observations, double low, double high, double? cell, TpeSettings settings,
        double? bandwidth = null)
    {
        _low = low;
        _high = high;
        _cell = cell;
        _normalised = settings.NormalisedKernels;
        var n = observations.Count;
        _weights = ParzenWeights.Normalised(n, settings.PriorWeight);

        _mus = new double[n + 1];
        for (var i = 0; i < n; i++)
            _mus[i] = observations[i];
        _mus[n] = 0.5 * (low + high);

        // Widths from the sorted centres with the range's ends as outer neighbours.
        var order = Enumerable.Range(0, n + 1).OrderBy(i => _mus[i]).ToArray();
        var withEnds = new double[n + 3];
        withEnds[0] = low;
        for (var k = 0; k <= n; k++)
            withEnds[k + 1] = _mus[order[k]];
        withEnds[n + 2] = high;
        var sortedSigmas = new double[n + 1];
        for (var k = 0; k <= n; k++)
            sortedSigmas[k] = bandwidth is { } b ? b * (high - low) : Math.Max(withEnds[k + 1] - withEnds[k], withEnds[k + 2] - withEnds[k + 1]);
        if (bandwidth is null && !settings.ConsiderEndpoints && n + 1 >= 2)
        {
            // The outermost kernels take the gap to their inner neighbour only, not to the range's end.
            sortedSigmas[0] = withEnds[2] - withEnds[1];
            sortedSigmas[n] = withEnds[n + 1] - withEnds[n];
        }
        var maxSigma = high - low;
        var minSigma = settings.ConsiderMagicClip ? (high - low) / Math.Min(100.0, 1.0 + (n + 1)) : 1e-12;
        _sigmas = new double[n + 1];
        for (var k = 0; k <= n; k++)
            _sigmas[order[k]] = Math.Clamp(sortedSigmas[k], minSigma, maxSigma);
        _sigmas[n] = high - low; // the prior's width

        _logMass = new double[n + 1];
        for (var i = 0; i <= n; i++)
            _logMass[i] = GaussianMass.LogMass((low - _mus[i]) / _sigmas[i], (high - _mus[i]) / _sigmas[i]);
    }

    /// <summary>One draw in internal coordinates: a kernel by weight, then its Gaussian truncated to [low, high].</summary>
    public double Sample(SearchRandom random) => SampleKernel(random.Categorical(_weights), random);

    /// <summary>The kernel weights (observations oldest first, then the prior), summing to 1.</summary>
    public double[] Weights => _weights;

    /// <summary>One draw from kernel <paramref name="k"/>, in internal coordinates.</summary>
    public double SampleKernel(int k, SearchRandom random)
    {
        // Every centre lies in [low, high] and every width is at most high − low, so at least Φ(½) − Φ(0) ≈ 19% of a
        // kernel's mass is inside: rejection is exact and quick.
        for (var attempt = 0; attempt < 100_000; attempt++)
        {
            var x = _mus[k] + _sigmas[k] * random.NextGaussian();
            if (x >= _low && x <= _high)
                return x;
        }
        throw new InvalidOperationException($"Truncated normal draw failed: centre {_mus[k]}, width {_sigmas[k]}, range [{_low}, {_high}].");
    }

    /// <summary>log density at an internal coordinate (for integers: log probability of x's cell).</summary>
    public double LogPdf(double x)
    {
        var terms = new double[_mus.Length];
        AddKernelLogPdfs(x, terms);
        for (var i = 0; i < _mus.Length; i++)
            terms[i] += Math.Log(_weights[i]);
        return ParzenWeights.LogSumExp(terms);
    }

    /// <summary>Adds each kernel's log density at <paramref name="x"/> (without its weight) to <paramref name="terms"/>.</summary>
    public void AddKernelLogPdfs(double x, double[] terms)
    {
        for (var i = 0; i < _mus.Length; i++)
        {
            double logKernel;
            if (_cell is { } cell)
            {
                var lower = Math.Max(x - cell / 2, _low);
                var upper = Math.Min(x + cell / 2, _high);
                logKernel = GaussianMass.LogMass((lower - _mus[i]) / _sigmas[i], (upper - _mus[i]) / _sigmas[i]) - _logMass[i];
            }
            else
            {
                logKernel = GaussianMass.LogDensity((x - _mus[i]) / _sigmas[i]) - _logMass[i]
                    - (_normalised ? Math.Log(_sigmas[i]) : 0);
            }
            terms[i] += logKernel;
        }
    }
}

/// <summary>
/// A Parzen density over a categorical parameter's choice indices, as in Optuna 3.1: each observation's kernel puts
/// weight 1 + w on its choice and w = prior weight / (observations + 1) on every choice, normalised; the prior kernel is
/// uniform. Kernels are weighted as in <see cref="NumericalParzenEstimator"/>.
/// </summary>
internal sealed class CategoricalParzenEstimator
{
    private readonly double[] _weights;
    private readonly double[][] _kernels;

    public CategoricalParzenEstimator(IReadOnlyList<int> observations, int choices, TpeSettings settings)
    {
        var n = observations.Count;
        _weights = ParzenWeights.Normalised(n, settings.PriorWeight);
        var floor = settings.PriorWeight / (n + 1);
        _kernels = new double[n + 1][];
        for (var i = 0; i <= n; i++)
        {
            var row = Enumerable.Repeat(floor, choices).ToArray();
            if (i < n)
                row[observations[i]] += 1;
            var sum = row.Sum();
            for (var c = 0; c < choices; c++)
                row[c] /= sum;
            _kernels[i] = row;
        }
    }

    public int Sample(SearchRandom random) => SampleKernel(random.Categorical(_weights), random);

    public double[] Weights => _weights;

    public int SampleKernel(int k, SearchRandom random) => random.Categorical(_kernels[k]);

    public void AddKernelLogPdfs(int choice, double[] terms)
    {
        for (var i = 0; i < _kernels.Length; i++)
            terms[i] += Math.Log(_kernels[i][choice]);
    }

    public double LogPdf(int choice)
    {
        var p = 0.0;
        for (var i = 0; i < _kernels.Length; i++)
            p += _weights[i] * _kernels[i][choice];
        return Math.Log(p);
    }
}

internal static class ParzenWeights
{
    /// <summary>
    /// Weights of n observations (oldest first) and the prior, summing to 1: 1 each up to 25 observations; beyond, the
    /// newest 25 keep 1 and the older n − 25 rise linearly from 1/n to 1 (Optuna's default_weights).
    /// </summary>
    public static double[] Normalised(int n, double priorWeight)
    {
        var weights = new double[n + 1];
        if (n < 25)
        {
            for (var i = 0; i < n; i++)
                weights[i] = 1;
        }
        else
        {
            var ramp = n - 25;
            for (var i = 0; i < ramp; i++)
                weights[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
            for (var i = ramp; i < n; i++)
                weights[i] = 1;
        }
        weights[n] = priorWeight;
        var sum = weights.Sum();
        for (var i = 0; i <= n; i++)
            weights[i] /= sum;
        return weights;
    }

    public static double LogSumExp(double[] terms)
    {
        var max = terms.Max();
        if (double.IsNegativeInfinity(max))
            return double.NegativeInfinity;
        var sum = 0.0;
        foreach (var t in terms)
            sum += Math.Exp(t - max);
        return max + Math.Log(sum);
    }
}
