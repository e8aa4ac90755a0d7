using Framework.Search;

namespace Framework.Search.Tests;

public class ParzenEstimatorTests
{
    private static readonly TpeSettings Optuna31 = new() { NormalisedKernels = false };
    private static readonly TpeSettings Normalised = new() { NormalisedKernels = true };

    // Expected values: Optuna 3.1.0 (Debian python3-optuna), _ParzenEstimator(observations, {"x": distribution},
    // _ParzenEstimatorParameters(True, 1.0, True, False, default_weights, False)).log_pdf(points); each case's distribution
    // and observations are in the comment above it.
    [Theory]
    // FloatDistribution(-5, 10), observations [1, 2.5, 3, -4, 9.5]
    [InlineData("float", new[] { -4.9, 0.0, 2.7, 9.9 }, new[] { -1.0222432185406893, -0.7149129996760768, -0.6470337728666458, -1.0468982484422757 })]
    // FloatDistribution(-5, 10), no observations (the prior alone)
    [InlineData("float_empty", new[] { -4.9, 0.0, 2.7 }, new[] { -0.08071108839793939, 0.027088911602060728, 0.04088891160206065 })]
    // FloatDistribution(1e-5, 1, log=True), observations [1e-3, 3e-3, 0.1]
    [InlineData("float_log", new[] { 2e-5, 1e-3, 0.5 }, new[] { -1.285696874628585, -0.6799967061152838, -0.9996837964383434 })]
    // IntDistribution(8, 512), observations [16, 100, 128, 300]
    [InlineData("int", new[] { 8.0, 127, 128, 512 }, new[] { -5.742655902662925, -5.798963265707828, -5.803079874505489, -7.787164099354937 })]
    // IntDistribution(1, 1000, log=True), observations [2, 30, 31, 500]
    [InlineData("int_log", new[] { 1.0, 30, 1000 }, new[] { -1.0284683260876517, -0.6434890683047054, -1.0087948056735319 })]
    // FloatDistribution(0, 1), 30 observations ((37 i mod 30) / 30 + 0.01, i = 0..29): the oldest 5 weights ramped
    [InlineData("float_ramp", new[] { 0.005, 0.5, 0.99 }, new[] { -3.159038042498179, -2.7157675907125074, -2.888941533666573 })]
    public void Numerical_log_densities_equal_optuna_3_1s(string name, double[] points, double[] expected)
    {
        var (parameter, observations) = Cases[name];
        var domain = NumericalDomain.Of(parameter);
        var estimator = new NumericalParzenEstimator(observations.Select(domain.ToInternal).ToList(), domain.Low, domain.High, domain.Cell, Optuna31);
        for (var i = 0; i < points.Length; i++)
            Assert.Equal(expected[i], estimator.LogPdf(domain.ToInternal(points[i])), 9);
    }

    [Fact]
    public void Categorical_log_probabilities_equal_optuna_3_1s()
    {
        // CategoricalDistribution(["a", "b", "c"]), observations [0, 0, 2, 1], at 0, 1, 2 (same script).
        var estimator = new CategoricalParzenEstimator([0, 0, 2, 1], 3, Optuna31);
        Assert.Equal(-0.8754687373538997, estimator.LogPdf(0), 12);
        Assert.Equal(-1.2321436812926323, estimator.LogPdf(1), 12);
        Assert.Equal(-1.2321436812926323, estimator.LogPdf(2), 12);
    }

    [Theory]
    [InlineData("float")]
    [InlineData("float_log")]
    [InlineData("float_ramp")]
    public void Normalised_continuous_densities_integrate_to_one(string name)
    {
        var (parameter, observations) = Cases[name];
        var domain = NumericalDomain.Of(parameter);
        var estimator = new NumericalParzenEstimator(observations.Select(domain.ToInternal).ToList(), domain.Low, domain.High, domain.Cell, Normalised);
        // Midpoint rule on a fine grid of the internal coordinate.
        const int cells = 200_000;
        var width = (domain.High - domain.Low) / cells;
        var integral = 0.0;
        for (var i = 0; i < cells; i++)
            integral += Math.Exp(estimator.LogPdf(domain.Low + (i + 0.5) * width)) * width;
        Assert.Equal(1.0, integral, 4);
    }

    [Fact]
    public void Integer_probabilities_sum_to_one()
    {
        var (parameter, observations) = Cases["int"];
        var domain = NumericalDomain.Of(parameter);
        var estimator = new NumericalParzenEstimator(observations, domain.Low, domain.High, domain.Cell, Normalised);
        var total = Enumerable.Range(8, 505).Sum(x => Math.Exp(estimator.LogPdf(x)));
        Assert.Equal(1.0, total, 9);
    }

    [Fact]
    public void Draws_follow_the_density()
    {
        // The mass a kernel mixture puts on [2, 3.5] (by the density) against the share of 20,000 draws that land there.
        var (parameter, observations) = Cases["float"];
        var domain = NumericalDomain.Of(parameter);
        var estimator = new NumericalParzenEstimator(observations, domain.Low, domain.High, domain.Cell, Normalised);
        var mass = 0.0;
        for (var i = 0; i < 15_000; i++)
            mass += Math.Exp(estimator.LogPdf(2 + (i + 0.5) * 1e-4)) * 1e-4;
        var random = SearchRandom.For(7, 0, "draws");
        var inside = Enumerable.Range(0, 20_000).Select(_ => estimator.Sample(random)).Count(x => x is >= 2 and <= 3.5) / 20_000.0;
        // Binomial standard deviation at 20,000 draws is below 0.0036: 0.02 is more than five of them.
        Assert.InRange(inside, mass - 0.02, mass + 0.02);
    }

    private static readonly Dictionary<string, (SearchParameter Parameter, double[] Observations)> Cases = new()
    {
        ["float"] = (new("x", ParameterKind.Float, -5, 10), [1.0, 2.5, 3.0, -4.0, 9.5]),
        ["float_empty"] = (new("x", ParameterKind.Float, -5, 10), []),
        ["float_log"] = (new("x", ParameterKind.Float, 1e-5, 1, Log: true), [1e-3, 3e-3, 0.1]),
        ["int"] = (new("x", ParameterKind.Int, 8, 512), [16, 100, 128, 300]),
        ["int_log"] = (new("x", ParameterKind.Int, 1, 1000, Log: true), [2, 30, 31, 500]),
        ["float_ramp"] = (new("x", ParameterKind.Float, 0, 1), Enumerable.Range(0, 30).Select(i => (i * 37 % 30) / 30.0 + 0.01).ToArray()),
    };
}
